package io.convoy.driver.engine;

import io.convoy.conf.ConvoyConfig;
import io.convoy.model.ModelSpec;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.EvalTask;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.WorkerSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Distributed evaluation of the current parameters on the validation shards. */
public final class Evaluation {
  private final JavaSparkContext sc;
  private final JavaRDD<EncodedSample> shards;
  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final WorkerSettings settings;
  private final int aggregationDepth;

  public Evaluation(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      WorkerSettings settings) {
    this.sc = sc;
    this.shards = shards;
    this.spec = spec;
    this.pipeline = ImagePipeline.of(config.pipeline().eval(), config.data());
    this.settings = settings;
    this.aggregationDepth = config.training().averaging().aggregationDepth();
  }

  public EvalResult evaluate(float[] parameters, String description) {
    Broadcast<ModelState> broadcast = sc.broadcast(new ModelState(parameters, new float[0]));
    try {
      sc.setJobGroup("convoy-eval", description, false);
      return shards.mapPartitionsWithIndex(new EvalTask(spec, pipeline, broadcast, settings), true)
          .treeAggregate(new EvalResult(spec.classes()), EvalResult::add, EvalResult::add, aggregationDepth);
    } finally {
      broadcast.destroy();
    }
  }
}
