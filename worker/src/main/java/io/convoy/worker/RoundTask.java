package io.convoy.worker;

import io.convoy.conf.AveragingMode;
import io.convoy.conf.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One replica's share of a round: take the shard's cached replica, copy the broadcast state in,
 * then either train the round's minibatches and return parameters (and updater state when it
 * is averaged), or return the gradient of the round's minibatch, for the driver to sum.
 */
public final class RoundTask implements Function2<Integer, Iterator<EncodedSample>, Iterator<RoundResult>> {
  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final BatchSchedule schedule;
  private final RoundSpec round;
  private final Broadcast<ModelState> state;
  private final WorkerSettings settings;

  public RoundTask(ModelSpec spec, ImagePipeline pipeline, BatchSchedule schedule, RoundSpec round,
      Broadcast<ModelState> state, WorkerSettings settings) {
    this.spec = spec;
    this.pipeline = pipeline;
    this.schedule = schedule;
    this.round = round;
    this.state = state;
    this.settings = settings;
  }

  @Override
  public Iterator<RoundResult> call(Integer shard, Iterator<EncodedSample> samples) {
    long start = System.nanoTime();
    List<EncodedSample> shardSamples = new ArrayList<>();
    samples.forEachRemaining(shardSamples::add);
    if (shardSamples.isEmpty()) {
      return List.<RoundResult>of().iterator();
    }
    NativeThreads.limit(settings.threads());
    long fetchStart = System.nanoTime();
    ModelState in = state.value();
    long broadcastNanos = System.nanoTime() - fetchStart;
    ShardState local = ReplicaCache.shard(settings.runId(), spec, shard, in.parameters());
    Replica replica = local.replica;
    replica.setParameters(in.parameters());
    replica.setStep(round.globalStep(), round.epoch());
    replica.setLearningRateFactor(round.learningRateFactor());
    BatchPrefetcher batches = local.prefetcher(
        new BatchAssembler(pipeline, schedule.seed(), settings.decodedCacheBytes()), schedule, shard,
        settings.prefetchBatches(), settings.loaderThreads());

    RoundResult result;
    long dataNanos = 0;
    long computeNanos = 0;
    double lossSum = 0;
    long examples = 0;
    ArrayList<String> skipped = new ArrayList<>(0);
    if (round.mode() == AveragingMode.GRADIENTS) {
      long t0 = System.nanoTime();
      BatchAssembler.Batch batch = batches.take(shardSamples, round.epoch(), round.firstBatch());
      long t1 = System.nanoTime();
      float[] gradient = new float[replica.numParameters()];
      // A minibatch whose every sample was skipped contributes nothing (a zero gradient sum).
      lossSum = batch.size() == 0 ? 0 : replica.computeGradient(batch.features(), batch.labels(), batch.size(),
          gradient);
      computeNanos = System.nanoTime() - t1;
      dataNanos = t1 - t0;
      examples = batch.size();
      skipped.addAll(batch.skipped());
      FaultInjection.maybeFail(round.round(), shard);
      result = RoundResult.of(gradient, new float[0]);
    } else {
      UpdaterStatePolicy policy = round.updaterState();
      local.beginRound(round.round(), policy, in.updaterState());
      for (int b = round.firstBatch(); b < round.firstBatch() + round.batches(); b++) {
        long t0 = System.nanoTime();
        BatchAssembler.Batch batch = batches.take(shardSamples, round.epoch(), b);
        long t1 = System.nanoTime();
        if (batch.size() > 0) {
          lossSum += replica.fit(batch.features(), batch.labels(), batch.size());
        }
        computeNanos += System.nanoTime() - t1;
        dataNanos += t1 - t0;
        examples += batch.size();
        skipped.addAll(batch.skipped());
      }
      FaultInjection.maybeFail(round.round(), shard);
      result = RoundResult.of(replica.parameters(),
          policy == UpdaterStatePolicy.AVERAGE ? replica.updaterState() : new float[0]);
    }
    result.examples = examples;
    result.batches = round.mode() == AveragingMode.GRADIENTS ? 1 : round.batches();
    result.lossSum = lossSum;
    result.broadcastNanos = broadcastNanos;
    result.dataNanos = dataNanos;
    result.computeNanos = computeNanos;
    result.slowestTaskNanos = System.nanoTime() - start;
    result.skipped = skipped;
    return List.of(result).iterator();
  }
}
