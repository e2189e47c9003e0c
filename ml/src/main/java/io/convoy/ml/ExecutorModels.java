package io.convoy.ml;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The networks scoring rows in this executor JVM, by model: a model.zip is parsed once per JVM,
 * and each network built from it is reused by task after task (a network is used by one task at
 * a time, so there are at most as many as tasks that ran at once). Private to transform until
 * the driver's shared scoring cache replaces it.
 */
final class ExecutorModels {
  /** A network and the eval pipeline that feeds it, used by one task at a time. */
  record Scorer(Replica replica, ImagePipeline pipeline, int classes) {}

  private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, Queue<Scorer>> IDLE = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** An idle scorer of model {@code key}, built from {@code zip} when none is idle. */
  static Scorer borrow(String key, Supplier<byte[]> zip, String uri) {
    Scorer idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
    if (idle != null) {
      return idle;
    }
    LoadedModel model = MODELS.computeIfAbsent(key, k -> ModelZip.read(zip.get(), uri));
    return new Scorer(model.replica(), model.evalPipeline(), model.labels().size());
  }

  /** Gives a scorer back for the next task. */
  static void giveBack(String key, Scorer scorer) {
    IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(scorer);
  }
}
