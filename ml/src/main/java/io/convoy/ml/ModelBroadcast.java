package io.convoy.ml;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.scoring.ModelHandle;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A {@link ConvoyClassificationModel}'s broadcast: made by its first {@code transform} on a
 * SparkContext and reused by every later one (and by its copies, which hold the same network), so
 * that a model scored again and again (a CrossValidator's evaluations, a streaming query's batches,
 * a notebook's cells) ships its parameters once, not once per call.
 *
 * <p>Never destroyed here: {@code transform} is lazy, and a DataFrame it returned may run its tasks,
 * which read the broadcast, at any time later, as often as it is used. Spark's ContextCleaner
 * removes the broadcast from the driver and the executors once nothing references it: when the
 * model and every DataFrame scored with it are garbage (or the context stops). A new
 * SparkContext gets a new broadcast; one of a stopped context is never handed out.
 */
final class ModelBroadcast {
  private SparkContext context;
  private ModelHandle handle;

  /** The handle of this model's broadcast on {@code sc}, broadcasting {@code model} the first time. */
  synchronized ModelHandle on(SparkContext sc, Supplier<LoadedModel> model) {
    if (handle == null || context != sc || sc.isStopped()) {
      handle = ModelHandle.broadcast(JavaSparkContext.fromSparkContext(sc), model.get());
      context = sc;
    }
    return handle;
  }
}
