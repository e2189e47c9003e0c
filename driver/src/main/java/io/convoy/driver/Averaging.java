package io.convoy.driver;

import io.convoy.conf.AveragingMode;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.ModelState;
import io.convoy.worker.RoundResult;
import io.convoy.worker.RoundSpec;
import io.convoy.worker.RoundTask;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Rounds of averaging, one Spark job each: broadcast the state, every shard's replica works,
 * treeAggregate sums the results, the driver averages. In {@code parameters} mode replicas
 * train k minibatches and their parameters are averaged; in {@code gradients} mode they return
 * one minibatch gradient each and the driver applies the optimizer step to the sum
 * (synchronous SGD over workers x batch-size examples).
 */
final class Averaging {
  private static final int AGGREGATION_DEPTH = 2;

  private final JavaSparkContext sc;
  private final JavaRDD<EncodedSample> shards;
  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final BatchSchedule schedule;
  private final AveragingMode mode;
  private final UpdaterStatePolicy updaterPolicy;
  private final int threads;
  /** Applies summed gradients on the driver ({@code gradients} mode only). */
  private final Replica optimizer;

  private ModelState state;

  Averaging(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      BatchSchedule schedule, Replica initial) {
    this.sc = sc;
    this.shards = shards;
    this.spec = spec;
    this.pipeline = ImagePipeline.of(config.pipeline().train(), config.data());
    this.schedule = schedule;
    this.mode = config.training().averaging().mode();
    this.updaterPolicy = config.training().averaging().updaterState();
    this.threads = config.cluster().threadsPerWorker();
    this.optimizer = mode == AveragingMode.GRADIENTS ? initial : null;
    this.state = new ModelState(initial.parameters(), initial.updaterState());
  }

  ModelState state() {
    return state;
  }

  /** Minibatches each replica trains per round: k, or 1 for gradient averaging. */
  int batchesPerRound(int frequency) {
    return mode == AveragingMode.GRADIENTS ? 1 : frequency;
  }

  RoundResult round(RoundSpec round) {
    // Updater state travels only when it is averaged; otherwise workers keep or zero their own.
    boolean sendUpdater = mode == AveragingMode.PARAMETERS && updaterPolicy == UpdaterStatePolicy.AVERAGE;
    Broadcast<ModelState> broadcast = sc.broadcast(
        sendUpdater ? state : new ModelState(state.parameters(), new float[0]));
    try {
      sc.setJobGroup("convoy-round-" + round.round(), "epoch " + (round.epoch() + 1) + " round "
          + (round.round() + 1) + " (" + mode.configName() + " averaging)", false);
      RoundResult sum = shards
          .mapPartitionsWithIndex(new RoundTask(spec, pipeline, schedule, round, broadcast, threads), true)
          .treeAggregate(RoundResult.empty(), RoundResult::add, RoundResult::add, AGGREGATION_DEPTH);
      if (sum.replicas() == 0) {
        throw new IllegalStateException("round " + (round.round() + 1) + " produced no replica result");
      }
      if (mode == AveragingMode.GRADIENTS) {
        optimizer.setStep(round.globalStep(), round.epoch());
        optimizer.applyGradient(sum.vectorSum(), (int) sum.examples());
        state = new ModelState(optimizer.parameters(), optimizer.updaterState());
      } else {
        float[] updater = sendUpdater ? sum.meanUpdaterState() : state.updaterState();
        state = new ModelState(sum.meanParameters(), updater);
      }
      return sum;
    } finally {
      broadcast.destroy();
    }
  }
}
