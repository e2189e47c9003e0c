package io.convoy.driver.engine;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.TransportName;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.jobs.RoundResult;
import io.convoy.worker.jobs.RoundTask;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.RoundSpec;
import io.convoy.worker.replica.RoundTimings;
import io.convoy.worker.replica.WorkerSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * convoy's engine: rounds of averaging, one Spark job each. The driver broadcasts the state,
 * every shard's replica works, treeAggregate sums the results, the driver averages. In
 * {@code parameters} mode replicas train k minibatches and their parameters are averaged; in
 * {@code gradients} mode they return one minibatch gradient each and the driver applies the
 * optimizer step to the sum (synchronous SGD over workers x batch-size examples).
 */
public final class JobsTransport extends AveragingTransport {
  private final int aggregationDepth;
  /**
   * The driver's copy of the network: applies summed gradients ({@code gradients} mode) and
   * tells the learning rate in force.
   */
  private final Replica optimizer;

  JobsTransport(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      BatchSchedule schedule, Replica initial, WorkerSettings settings) {
    super(sc, shards, spec, config, schedule, initial, settings);
    this.aggregationDepth = config.training().averaging().aggregationDepth();
    this.optimizer = initial;
  }

  @Override
  public void restore(ModelState restored, int epoch, int batchesDone) {
    super.restore(restored, epoch, batchesDone);
    if (mode == AveragingMode.GRADIENTS) {
      optimizer.setParameters(restored.parameters());
      optimizer.setUpdaterState(restored.updaterState());
    }
  }

  @Override
  public TransportName transport() {
    return TransportName.JOBS;
  }

  @Override
  public EpochStats epoch(int epoch, RoundListener rounds) {
    long start = System.nanoTime();
    int k = batchesPerRound();
    int roundsBefore = nextRound();
    long batches = 0;
    long examples = 0;
    double lossSum = 0;
    for (int first = firstBatch(epoch); first < schedule.batchesPerEpoch(); first += k) {
      int n = Math.min(k, schedule.batchesPerEpoch() - first);
      RoundStats r = round(new RoundSpec(mode, epoch, nextRound(), first, n, stepsTaken(), updaterPolicy,
          learningRateFactor()));
      roundDone(n);
      batches += r.batches();
      examples += r.examples();
      lossSum += r.loss() * r.batches();
      rounds.round(r);
    }
    return new EpochStats(nextRound() - roundsBefore, batches, examples, lossSum, (System.nanoTime() - start) / 1e9);
  }

  private RoundStats round(RoundSpec spec) {
    long t0 = System.nanoTime();
    // Updater state travels only when it is averaged; otherwise workers keep or zero their own.
    boolean sendUpdater = mode == AveragingMode.PARAMETERS && updaterPolicy == UpdaterStatePolicy.AVERAGE;
    ModelState state = state();
    Broadcast<ModelState> broadcast = sc.broadcast(
        sendUpdater ? state : new ModelState(state.parameters(), new float[0]));
    try {
      // Group and description name round, epoch and mode, so the Spark UI's job list reads like the log
      // (TaskTimeListener picks round jobs by the "convoy-round-" prefix).
      sc.setJobGroup("convoy-round-" + (spec.round() + 1) + "-epoch-" + (spec.epoch() + 1) + "-" + mode.configName(),
          "epoch " + (spec.epoch() + 1) + " round " + (spec.round() + 1) + " (" + mode.configName() + " averaging)",
          false);
      optimizer.setStep(spec.globalStep(), spec.epoch());
      optimizer.setLearningRateFactor(spec.learningRateFactor());
      double learningRate = optimizer.learningRate();
      long t1 = System.nanoTime();
      RoundResult sum = shards
          .mapPartitionsWithIndex(new RoundTask(this.spec, pipeline, schedule, spec, broadcast, settings), true)
          .treeAggregate(RoundResult.empty(), RoundResult::add, RoundResult::add, aggregationDepth);
      long t2 = System.nanoTime();
      if (sum.replicas() == 0) {
        throw new IllegalStateException("round " + (spec.round() + 1) + " produced no replica result");
      }
      if (mode == AveragingMode.GRADIENTS) {
        optimizer.applyGradient(sum.vectorSum(), (int) sum.examples());
        stateAfter(spec.round() + 1, optimizer.parameters(), optimizer.updaterState());
      } else {
        stateAfter(spec.round() + 1, sum.meanParameters(), sendUpdater ? sum.meanUpdaterState() : null);
      }
      long t3 = System.nanoTime();
      // The tasks' times as a mean over tasks, with the driver's broadcast, the job beyond its slowest
      // task, and the driver's apply.
      RoundTimings timings = sum.timings().dividedBy(sum.replicas()).plus(new RoundTimings((t1 - t0) / 1e9, 0, 0,
          Math.max(0, (t2 - t1) / 1e9 - sum.slowestTaskSeconds()), (t3 - t2) / 1e9));
      return new RoundStats(spec.round() + 1, spec.epoch() + 1, sum.meanLoss(), sum.examples(), sum.batches(),
          (t3 - t0) / 1e9, timings, learningRate, sum.skipped());
    } finally {
      broadcast.destroy();
    }
  }
}
