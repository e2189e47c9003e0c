package io.convoy.worker.replica;

import io.convoy.worker.data.BatchAssembler;
import io.convoy.worker.data.BatchPrefetcher;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;

import io.convoy.conf.names.AveragingMode;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A replica's local work in a round, the same under both transports ({@link RoundTask} for
 * {@code jobs}, {@link EpochTask} for {@code allreduce}) and free of Spark: the tasks around it
 * fetch the state, exchange the results and report. A round sets the replica's optimizer step and
 * learning rate, takes its minibatches from the shard's prefetcher and either fits them
 * ({@code parameters} mode, with the optimizer state prepared by the updater-state policy) or
 * computes the gradient of one ({@code gradients} mode). A minibatch whose every sample was
 * skipped trains nothing and adds a zero gradient.
 */
public final class LocalRound {
  /**
   * What a round's local work gave.
   *
   * @param lossSum the minibatches' losses, summed
   * @param examples examples trained: those asked for less those skipped
   * @param batches minibatches taken
   * @param learningRate the learning rate the round trained at
   * @param timings waiting for minibatches and computing (the other times are the transport's)
   * @param skipped samples left out, as {@code path<TAB>reason}
   */
  public record Work(double lossSum, long examples, int batches, double learningRate, RoundTimings timings,
      List<String> skipped) {}

  private final ShardState local;
  private final BatchPrefetcher batches;
  private final List<EncodedSample> samples;

  LocalRound(ShardState local, BatchPrefetcher batches, List<EncodedSample> samples) {
    this.local = local;
    this.batches = batches;
    this.samples = samples;
  }

  /**
   * The shard's cached state (built the first time, see {@link ReplicaCache}) with
   * {@code parameters} copied into its replica.
   */
  public static LocalRound open(ModelSpec spec, ImagePipeline pipeline, BatchSchedule schedule, WorkerSettings settings,
      int shard, List<EncodedSample> samples, float[] parameters) {
    ShardState local = ReplicaCache.shard(settings.runId(), spec, shard, parameters);
    local.replica.setParameters(parameters);
    return new LocalRound(local, local.prefetcher(pipeline, schedule, shard, settings), samples);
  }

  public Replica replica() {
    return local.replica;
  }

  /** The shard's state between rounds, for what a transport keeps across retries. */
  public ShardState shardState() {
    return local;
  }

  /**
   * The local work of {@code round}.
   *
   * @param sharedUpdaterState under {@code updater-state = average}: the averaged optimizer state to
   *     start from, or null where the replica holds it already (the ring's average)
   * @param gradient {@code gradients} mode: receives the minibatch's gradient sum at {@code offset}
   */
  public Work run(RoundSpec round, float[] sharedUpdaterState, float[] gradient, int offset) {
    Replica replica = local.replica;
    replica.setStep(round.globalStep(), round.epoch());
    replica.setLearningRateFactor(round.learningRateFactor());
    double learningRate = replica.learningRate();
    boolean gradients = round.mode() == AveragingMode.GRADIENTS;
    if (!gradients) {
      local.beginRound(round.round(), round.updaterState(), sharedUpdaterState);
    }
    int count = gradients ? 1 : round.batches();
    long dataNanos = 0;
    long computeNanos = 0;
    double lossSum = 0;
    long examples = 0;
    ArrayList<String> skipped = new ArrayList<>(0); // ArrayList: registered with Kryo
    for (int b = round.firstBatch(); b < round.firstBatch() + count; b++) {
      long t0 = System.nanoTime();
      BatchAssembler.Batch batch = batches.take(samples, round.epoch(), b);
      long t1 = System.nanoTime();
      if (gradients && batch.size() > 0) {
        lossSum = replica.computeGradient(batch.features(), batch.labels(), batch.size(), gradient, offset);
      } else if (gradients) { // every sample of the minibatch was skipped: it contributes a zero gradient sum
        Arrays.fill(gradient, offset, offset + replica.numParameters(), 0f);
      } else if (batch.size() > 0) {
        lossSum += replica.fit(batch.features(), batch.labels(), batch.size());
      }
      computeNanos += System.nanoTime() - t1;
      dataNanos += t1 - t0;
      examples += batch.size();
      skipped.addAll(batch.skipped());
    }
    return new Work(lossSum, examples, count, learningRate, RoundTimings.local(dataNanos / 1e9, computeNanos / 1e9),
        skipped);
  }
}
