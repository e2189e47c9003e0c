package io.convoy.worker.jobs;

import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.FaultInjection;
import io.convoy.worker.replica.LocalRound;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.NativeThreads;
import io.convoy.worker.replica.RoundSpec;
import io.convoy.worker.replica.RoundTimings;
import io.convoy.worker.replica.WorkerSettings;

import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One replica's share of a round (the {@code jobs} transport): take the shard's cached replica,
 * copy the broadcast state in, do the round's {@link LocalRound local work}, and return
 * parameters (and updater state when it is averaged) or the gradient of the round's minibatch,
 * for the driver to sum.
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
    double broadcastSeconds = (System.nanoTime() - fetchStart) / 1e9;
    LocalRound local = LocalRound.open(spec, pipeline, schedule, settings, shard, shardSamples, in.parameters());
    Replica replica = local.replica();
    boolean gradients = round.mode() == AveragingMode.GRADIENTS;
    float[] gradient = gradients ? new float[replica.numParameters()] : null;
    LocalRound.Work work = local.run(round, in.updaterState(), gradient, 0);
    FaultInjection.maybeFail(round.round(), shard);
    RoundResult result = gradients
        ? RoundResult.of(gradient, new float[0])
        : RoundResult.of(replica.parameters(),
            round.updaterState() == UpdaterStatePolicy.AVERAGE ? replica.updaterState() : new float[0]);
    result.examples = work.examples();
    result.batches = work.batches();
    result.lossSum = work.lossSum();
    result.timings = work.timings().plus(new RoundTimings(broadcastSeconds, 0, 0, 0, 0));
    result.slowestTaskSeconds = (System.nanoTime() - start) / 1e9;
    result.skipped = new ArrayList<>(work.skipped());
    return List.of(result).iterator();
  }
}
