package io.convoy.worker.allreduce;

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
import io.convoy.worker.collective.Ring;
import io.convoy.worker.collective.RingListener;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * One replica's whole epoch inside a barrier stage (the {@code allreduce} transport). The task
 * listens on its executor's address, learns every rank's address through one
 * {@code BarrierTaskContext.allGather}, joins the ring, then runs the epoch's rounds exactly as
 * {@link RoundTask} would, round after round ({@link LocalRound}), with the ring allreduce in place of the driver:
 * {@code parameters} mode averages parameters (and updater state under {@code average}) every
 * k minibatches; {@code gradients} mode sums one minibatch gradient per replica and every
 * replica applies the same optimizer step to the same sum, so replicas stay bit-identical.
 * The replica, its cached shard and its prefetcher are the same ones the jobs transport uses.
 *
 * <p>The epoch starts from the broadcast state, which the driver keeps until the stage has
 * succeeded. With {@code checkpoint.every-rounds}, rank 0 sends the state to the driver every so
 * many rounds ({@link StageSnapshot}) and a retried stage goes on from the newest one; without,
 * it starts the epoch over. Either way the driver drops rounds it has already seen, so no round
 * counts twice.
 */
public final class EpochTask extends AbstractFunction1<scala.collection.Iterator<EncodedSample>,
    scala.collection.Iterator<EpochOutcome>> implements Serializable {
  /** Loss sum, examples, minibatches, data seconds and compute seconds travel with each allreduce. */
  private static final int META = 5;
  private static final Logger LOG = LoggerFactory.getLogger(EpochTask.class);

  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final BatchSchedule schedule;
  private final EpochSpec epoch;
  private final Broadcast<ModelState> start;
  private final WorkerSettings settings;
  private final AllreduceSettings allreduce;

  public EpochTask(ModelSpec spec, ImagePipeline pipeline, BatchSchedule schedule, EpochSpec epoch,
      Broadcast<ModelState> start, WorkerSettings settings, AllreduceSettings allreduce) {
    this.spec = spec;
    this.pipeline = pipeline;
    this.schedule = schedule;
    this.epoch = epoch;
    this.start = start;
    this.settings = settings;
    this.allreduce = allreduce;
  }

  @Override
  public scala.collection.Iterator<EpochOutcome> apply(scala.collection.Iterator<EncodedSample> samples) {
    List<EncodedSample> shard = new ArrayList<>();
    JavaConverters.asJavaIterator(samples).forEachRemaining(shard::add);
    BarrierTaskContext ctx = BarrierTaskContext.get();
    int rank = ctx.partitionId();
    if (shard.isEmpty()) {
      throw new IllegalStateException("shard " + rank + " is empty: every rank of the ring needs samples");
    }
    NativeThreads.limit(settings.threads());
    String host = SparkEnv.get().blockManager().blockManagerId().host();
    InetSocketAddress driver = new InetSocketAddress(allreduce.progressHost(), allreduce.progressPort());
    int driverTimeout = (int) Math.min(10_000, allreduce.ring().timeoutMillis());
    // A retried stage goes on from the driver's newest snapshot of this epoch: rank 0 asks which
    // one that is and tells the others with the addresses, so that all start from the same round.
    int resumeRound = rank == 0 && ctx.stageAttemptNumber() > 0 && epoch.snapshotEvery() > 0
        ? latestSnapshot(driver, driverTimeout) : -1;
    EpochOutcome outcome;
    try (RingListener listener = RingListener.bind(host, allreduce.portLow(), allreduce.portHigh())) {
      String[] addresses = BarrierExchange.allGather(ctx,
          host + ":" + listener.address().getPort() + (rank == 0 ? "/" + resumeRound : ""));
      List<InetSocketAddress> peers = new ArrayList<>();
      for (String a : addresses) {
        int slash = a.indexOf('/');
        String address = slash < 0 ? a : a.substring(0, slash);
        if (slash >= 0) {
          resumeRound = Integer.parseInt(a.substring(slash + 1));
        }
        int colon = address.lastIndexOf(':');
        peers.add(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
      }
      StageSnapshot snapshot = resumeRound < 0 ? null : snapshot(driver, resumeRound, driverTimeout);
      // A new secret per stage attempt: a straggler of a failed attempt never joins the retry's ring.
      byte[] token = (allreduce.token() + "/" + ctx.stageId() + "/" + ctx.stageAttemptNumber())
          .getBytes(StandardCharsets.UTF_8);
      try (Ring ring = Ring.join(rank, peers, listener, token, allreduce.ring(), ctx::isInterrupted);
          ProgressReporter progress = rank == 0
              ? ProgressReporter.connect(driver, allreduce.token(), driverTimeout)
              : null) {
        outcome = train(rank, shard, ring, progress, snapshot);
        if (progress != null) {
          // The task attempt's id is unique in the application: a retried stage's rank 0 ends its
          // own channel, never one of a failed attempt.
          long channel = progress.finish(ctx.taskAttemptId());
          if (channel != EpochOutcome.NO_CHANNEL) {
            outcome = outcome.endedOver(channel);
          }
        }
      }
    }
    return JavaConverters.asScalaIterator(List.of(outcome).iterator());
  }

  private int latestSnapshot(InetSocketAddress driver, int timeoutMillis) {
    try {
      return ProgressProtocol.latestSnapshot(driver, allreduce.token(), epoch.epoch(), timeoutMillis);
    } catch (IOException e) {
      LOG.warn("convoy: cannot ask the driver for a snapshot of epoch {} ({}); the retried stage starts the epoch "
          + "over", epoch.epoch() + 1, e.getMessage());
      return -1;
    }
  }

  private StageSnapshot snapshot(InetSocketAddress driver, int round, int timeoutMillis) {
    try {
      return ProgressProtocol.snapshot(driver, allreduce.token(), epoch.epoch(), round, timeoutMillis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch the driver's snapshot after round " + round + " of epoch "
          + (epoch.epoch() + 1) + ": " + e.getMessage(), e);
    }
  }

  private EpochOutcome train(int rank, List<EncodedSample> shard, Ring ring, ProgressReporter progress,
      StageSnapshot snapshot) {
    long fetchStart = System.nanoTime();
    ModelState in = snapshot != null ? snapshot.state() : start.value();
    double broadcastSeconds = (System.nanoTime() - fetchStart) / 1e9;
    LocalRound local = LocalRound.open(spec, pipeline, schedule, settings, rank, shard, in.parameters());
    Replica replica = local.replica();
    UpdaterStatePolicy policy = epoch.updaterState();
    if (epoch.sharedUpdaterState()) {
      replica.setUpdaterState(in.updaterState());
    } else if (policy == UpdaterStatePolicy.LOCAL) {
      local.shardState().beginLocalEpochStage(epoch.epoch());
    }
    boolean gradients = epoch.mode() == AveragingMode.GRADIENTS;
    int p = replica.numParameters();
    int u = !gradients && policy == UpdaterStatePolicy.AVERAGE ? replica.updaterStateLength() : 0;
    // What travels: [parameters or gradient | updater state | META]; replicas read and write it in place.
    float[] buffer = new float[p + u + META];
    int k = gradients ? 1 : epoch.frequency();
    int n = ring.size();
    long step = snapshot != null ? snapshot.step() : epoch.globalStep();
    int round = snapshot != null ? snapshot.round() : epoch.firstRound();
    int firstBatch = snapshot != null ? snapshot.batchesDone() : epoch.firstBatch();
    List<RoundReport> reports = new ArrayList<>();
    ArrayList<String> skipped = new ArrayList<>(0); // ArrayList: registered with Kryo
    StageSnapshot sent = null; // rank 0's newest state sent to the driver
    for (int first = firstBatch; first < schedule.batchesPerEpoch(); first += k) {
      long t0 = System.nanoTime();
      int count = Math.min(k, schedule.batchesPerEpoch() - first);
      // The shared updater state is the replica's own: the ring's average of the round before.
      LocalRound.Work work = local.run(new RoundSpec(epoch.mode(), epoch.epoch(), round, first, count, step, policy,
          epoch.learningRateFactor()), null, buffer, 0);
      skipped.addAll(work.skipped());
      if (!gradients) {
        replica.copyParametersTo(buffer, 0);
        if (u > 0) {
          replica.copyUpdaterStateTo(buffer, p);
        }
      }
      FaultInjection.maybeFail(round, rank);
      buffer[p + u] = (float) work.lossSum();
      buffer[p + u + 1] = work.examples();
      buffer[p + u + 2] = count;
      buffer[p + u + 3] = (float) work.timings().dataSeconds();
      buffer[p + u + 4] = (float) work.timings().computeSeconds();
      long t1 = System.nanoTime();
      ring.sum(buffer);
      long t2 = System.nanoTime();
      long totalExamples = (long) buffer[p + u + 1];
      if (gradients) {
        replica.applyGradient(buffer, 0, (int) totalExamples);
      } else {
        meanInPlace(buffer, 0, p + u, n);
        replica.setParameters(buffer, 0);
        if (u > 0) {
          replica.setUpdaterState(buffer, p);
        }
      }
      long t3 = System.nanoTime();
      step += count;
      round++;
      if (rank == 0) {
        long totalBatches = (long) buffer[p + u + 2];
        RoundTimings timings = new RoundTimings(reports.isEmpty() ? broadcastSeconds : 0, buffer[p + u + 3] / n,
            buffer[p + u + 4] / n, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        RoundReport report = new RoundReport(round, epoch.epoch() + 1, buffer[p + u] / totalBatches, totalExamples,
            totalBatches, (t3 - t0) / 1e9, timings, work.learningRate());
        reports.add(report);
        int every = epoch.snapshotEvery();
        boolean due = every > 0 && round % every == 0;
        boolean last = first + count >= schedule.batchesPerEpoch();
        if (due || last) {
          sent = new StageSnapshot(epoch.epoch(), round, first + count, step, state(replica));
          if (due) {
            progress.send(report, sent);
          } else {
            progress.sendFinal(report, sent);
          }
        } else {
          progress.send(report);
        }
      }
    }
    if (rank != 0) {
      // ArrayList: registered with Kryo
      return new EpochOutcome(rank, null, new ArrayList<>(), skipped, EpochOutcome.NO_CHANNEL);
    }
    // The state the driver was sent with the last round, else (no round ran) the replica's.
    ModelState end = sent != null && sent.round() == round ? sent.state() : state(replica);
    return new EpochOutcome(rank, end, reports, skipped, EpochOutcome.NO_CHANNEL);
  }

  /** The replica's parameters and, where the replicas share it, its updater state. */
  private ModelState state(Replica replica) {
    return new ModelState(replica.parameters(), epoch.sharedUpdaterState() ? replica.updaterState() : new float[0]);
  }

  /** The same rounding as the jobs transport's mean: the float sum scaled in double. */
  private static void meanInPlace(float[] sum, int from, int length, int replicas) {
    double factor = 1.0 / replicas;
    for (int i = from; i < from + length; i++) {
      sum[i] = (float) (sum[i] * factor);
    }
  }
}
