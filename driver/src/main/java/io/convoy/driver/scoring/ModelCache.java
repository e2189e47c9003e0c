package io.convoy.driver.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The models of this JVM by id: an executor builds a model's network once, when its first task
 * needs it, and every later task and row of every job reuses it (building costs far more than
 * scoring a batch). Safe for concurrent tasks: a model is loaded exactly once even when several
 * ask for it at the same moment. Keeps the {@value #KEPT} most recently used models; an evicted
 * one is loaded again if asked for. An optimization only: a freshly loaded model scores the same.
 */
public final class ModelCache {
  /**
   * Models kept at once. A bound, so that a CrossValidator or a grid search, which scores many
   * models one after another, keeps only the last few networks (and their native memory) in an
   * executor, not all of them. 4 rather than 2: the models one task uses together (a Pipeline
   * chaining several convoy models, whose stages run in the same task) must all stay, or every
   * task loads them again; 4 covers such pipelines and still bounds a search to 4 models.
   */
  public static final int KEPT = 4;

  private static final Map<String, ScoringModel> MODELS = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ScoringModel> eldest) {
      return size() > KEPT;
    }
  };
  private static final AtomicInteger LOADS = new AtomicInteger();

  private ModelCache() {}

  /**
   * The model with this id, loaded from {@code source} if this JVM does not hold it. Tasks call
   * this once each, not per row, so one lock is cheap; holding it while loading makes a second
   * task wait for the first one's model instead of loading its own.
   */
  public static ScoringModel get(String id, Supplier<ShippedModel> source) {
    synchronized (MODELS) {
      ScoringModel model = MODELS.get(id);
      if (model == null) {
        model = new ScoringModel(source.get());
        LOADS.incrementAndGet();
        MODELS.put(id, model);
      }
      return model;
    }
  }

  /** Models loaded in this JVM so far (for tests and diagnostics). */
  public static int loads() {
    return LOADS.get();
  }
}
