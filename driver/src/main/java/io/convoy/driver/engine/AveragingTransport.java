package io.convoy.driver.engine;

import io.convoy.conf.AveragingConfig;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.WorkerSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What both of convoy's transports ({@link JobsTransport}, {@link AllreduceTransport}) work with and
 * keep on the driver between rounds, once: the shards, the network, pipeline, schedule and averaging
 * settings they train with; the state the driver holds and the round it is the state after, the
 * optimizer step and round number the next round starts at, where {@link #restore} left the run,
 * and the learning-rate factor in force.
 */
abstract class AveragingTransport implements TrainingEngine {
  final JavaSparkContext sc;
  final JavaRDD<EncodedSample> shards;
  final ModelSpec spec;
  final ImagePipeline pipeline;
  final BatchSchedule schedule;
  final AveragingMode mode;
  final UpdaterStatePolicy updaterPolicy;
  final WorkerSettings settings;
  private final int batchesPerRound;
  private final int batchesPerEpoch;
  private ModelState state;
  /** The round {@link #state} is the state after. */
  private int stateRound;
  private long step;
  private int round;
  /** Where {@link #restore} left the run; null for a fresh one. */
  private RunPosition resumed;
  private double learningRateFactor = 1;

  AveragingTransport(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      BatchSchedule schedule, Replica initial, WorkerSettings settings) {
    AveragingConfig averaging = config.training().averaging();
    this.sc = sc;
    this.shards = shards;
    this.spec = spec;
    this.pipeline = ImagePipeline.of(config.pipeline().train(), config.data());
    this.schedule = schedule;
    this.mode = averaging.mode();
    this.updaterPolicy = averaging.updaterState();
    this.settings = settings;
    this.batchesPerRound = mode == AveragingMode.GRADIENTS ? 1 : averaging.frequency();
    this.batchesPerEpoch = schedule.batchesPerEpoch();
    this.state = new ModelState(initial.parameters(), initial.updaterState());
  }

  /** Minibatches each replica trains between averagings: k, or 1 in {@code gradients} mode. */
  @Override
  public final int batchesPerRound() {
    return batchesPerRound;
  }

  @Override
  public final ModelState state() {
    return state;
  }

  @Override
  public final void setLearningRateFactor(double factor) {
    learningRateFactor = factor;
  }

  @Override
  public final boolean resumable() {
    return true;
  }

  @Override
  public void restore(ModelState restored, int epoch, int batchesDone) {
    resumed = RunPosition.at(epoch, batchesDone, batchesPerRound, batchesPerEpoch);
    state = restored;
    step = resumed.step();
    round = resumed.round();
    stateRound = round;
  }

  /** The state after {@code round} when the driver holds it, else null. */
  final ModelState heldStateAfter(int round) {
    return round == stateRound ? state : null;
  }

  /** Optimizer steps each replica has taken before the next round. */
  final long stepsTaken() {
    return step;
  }

  /** The next round's number in the run, from 0. */
  final int nextRound() {
    return round;
  }

  final double learningRateFactor() {
    return learningRateFactor;
  }

  /** The first minibatch of {@code epoch} to train: where a restore left it, or 0. */
  final int firstBatch(int epoch) {
    return resumed == null ? 0 : resumed.firstBatch(epoch);
  }

  /** A round of {@code batches} minibatches is done. */
  final void roundDone(int batches) {
    step += batches;
    round++;
  }

  /** {@code epoch} is done: the next round is the first of the next epoch. */
  final void epochDone(int epoch) {
    RunPosition next = RunPosition.at(epoch + 1, 0, batchesPerRound, batchesPerEpoch);
    step = next.step();
    round = next.round();
  }

  /**
   * The state after {@code round}: {@code parameters}, and {@code updaterState} or, where that is
   * null (the replicas keep or reset their own), the updater state held so far.
   */
  final void stateAfter(int round, float[] parameters, float[] updaterState) {
    state = new ModelState(parameters, updaterState != null ? updaterState : state.updaterState());
    stateRound = round;
  }
}
