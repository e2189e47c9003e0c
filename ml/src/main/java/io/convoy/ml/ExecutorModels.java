package io.convoy.ml;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The networks scoring rows in this executor JVM, by model: a model.zip is parsed once per JVM,
 * and each network built from it is reused by task after task (a network is used by one task at
 * a time, so there are at most as many as tasks that ran at once). Only the models used last are
 * kept: a CrossValidator scores many models one after another, and each holds native memory.
 * Private to transform until the driver's shared scoring cache replaces it.
 */
final class ExecutorModels {
  /** A network and the eval pipeline that feeds it, used by one task at a time. */
  record Scorer(Replica replica, ImagePipeline pipeline, int classes) {}

  /** Models kept at once. */
  static final int KEPT = 2;

  /** A parsed model and its idle scorers. */
  private record Entry(LoadedModel model, Deque<Scorer> idle) {}

  private static final Map<String, Entry> MODELS = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > KEPT;
    }
  };

  private ExecutorModels() {}

  /** An idle scorer of model {@code key}, built from {@code zip} when none is idle. */
  static Scorer borrow(String key, Supplier<byte[]> zip, String uri) {
    LoadedModel model;
    synchronized (MODELS) {
      Entry entry = MODELS.get(key);
      if (entry == null) {
        entry = new Entry(ModelZip.read(zip.get(), uri), new ArrayDeque<>());
        MODELS.put(key, entry);
      }
      Scorer idle = entry.idle().poll();
      if (idle != null) {
        return idle;
      }
      model = entry.model();
    }
    // Building a network takes a while: outside the lock, so that other tasks go on.
    return new Scorer(model.replica(), model.evalPipeline(), model.labels().size());
  }

  /** Gives a scorer back for the next task (dropped when its model is no longer kept). */
  static void giveBack(String key, Scorer scorer) {
    synchronized (MODELS) {
      Entry entry = MODELS.get(key);
      if (entry != null) {
        entry.idle().add(scorer);
      }
    }
  }
}
