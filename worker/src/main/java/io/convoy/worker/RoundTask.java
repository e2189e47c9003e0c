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
  private final int threads;

  public RoundTask(ModelSpec spec, ImagePipeline pipeline, BatchSchedule schedule, RoundSpec round,
      Broadcast<ModelState> state, int threads) {
    this.spec = spec;
    this.pipeline = pipeline;
    this.schedule = schedule;
    this.round = round;
    this.state = state;
    this.threads = threads;
  }

  @Override
  public Iterator<RoundResult> call(Integer shard, Iterator<EncodedSample> samples) {
    long start = System.nanoTime();
    List<EncodedSample> shardSamples = new ArrayList<>();
    samples.forEachRemaining(shardSamples::add);
    if (shardSamples.isEmpty()) {
      return List.<RoundResult>of().iterator();
    }
    NativeThreads.limit(threads);
    ModelState in = state.value();
    Replica replica = ReplicaCache.get(spec, shard, in.parameters());
    replica.setParameters(in.parameters());
    replica.setStep(round.globalStep(), round.epoch());

    BatchAssembler assembler = new BatchAssembler(pipeline);
    RoundResult result = new RoundResult();
    result.replicas = 1;
    if (round.mode() == AveragingMode.GRADIENTS) {
      long t0 = System.nanoTime();
      BatchAssembler.Batch batch = assembler.assemble(shardSamples,
          schedule.batch(round.epoch(), shard, shardSamples.size(), round.firstBatch()));
      long t1 = System.nanoTime();
      result.vectorSum = new float[replica.numParameters()];
      result.lossSum = replica.computeGradient(batch.features(), batch.labels(), batch.size(), result.vectorSum);
      result.computeNanos = System.nanoTime() - t1;
      result.dataNanos = t1 - t0;
      result.examples = batch.size();
      result.batches = 1;
      result.updaterStateSum = new float[0];
      result.slowestTaskNanos = System.nanoTime() - start;
      return List.of(result).iterator();
    }
    UpdaterStatePolicy policy = round.updaterState();
    if (policy == UpdaterStatePolicy.AVERAGE) {
      replica.setUpdaterState(in.updaterState());
    } else if (policy == UpdaterStatePolicy.RESET) {
      replica.resetUpdaterState();
    }
    for (int b = round.firstBatch(); b < round.firstBatch() + round.batches(); b++) {
      long t0 = System.nanoTime();
      BatchAssembler.Batch batch = assembler.assemble(shardSamples,
          schedule.batch(round.epoch(), shard, shardSamples.size(), b));
      long t1 = System.nanoTime();
      result.lossSum += replica.fit(batch.features(), batch.labels(), batch.size());
      result.computeNanos += System.nanoTime() - t1;
      result.dataNanos += t1 - t0;
      result.examples += batch.size();
      result.batches++;
    }
    result.vectorSum = replica.parameters();
    result.updaterStateSum = policy == UpdaterStatePolicy.AVERAGE ? replica.updaterState() : new float[0];
    result.replicas = 1;
    result.slowestTaskNanos = System.nanoTime() - start;
    return List.of(result).iterator();
  }
}
