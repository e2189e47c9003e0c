package io.convoy.driver.engine;

import io.convoy.conf.AllreduceConfig;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.TransportName;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.worker.allreduce.AllreduceSettings;
import io.convoy.worker.allreduce.EpochOutcome;
import io.convoy.worker.allreduce.EpochSpec;
import io.convoy.worker.allreduce.EpochTask;
import io.convoy.worker.allreduce.RoundReport;
import io.convoy.worker.collective.RingOptions;
import io.convoy.worker.collective.WireFormat;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.WorkerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * convoy's engine over the {@code allreduce} transport: each epoch is one barrier stage whose
 * tasks ({@link EpochTask}) train their replicas and average among themselves by ring
 * allreduce, with the same rounds, the same averaging and the same updater-state policies as
 * {@link JobsTransport}. The driver broadcasts the state once per epoch, writes each round's
 * metrics as rank 0 reports it over a side channel ({@link RoundReportServer}), and takes the
 * epoch's final state from the same channel with the last round (from rank 0's result where the
 * channel failed: through Spark's shuffle and task-result fetch, resnet50's 190 MB took 3-4 s).
 *
 * <p>Failures: a task that fails fails the barrier stage. The stage is the map side of a
 * one-partition shuffle, which Spark retries as a whole (a failed barrier result stage would
 * be aborted instead), up to {@code spark.stage.maxConsecutiveAttempts}. The retry starts the
 * epoch over from the broadcast state, which the driver holds until the stage has succeeded,
 * and rounds already reported are not reported twice. With {@code checkpoint.every-rounds} =
 * N, rank 0 also sends the state after every N-th round ({@link io.convoy.worker.allreduce.StageSnapshot}):
 * the driver writes it as a checkpoint, as the jobs transport would, and a retried stage goes on
 * from the newest one instead of the epoch's start. Not under {@code updater-state = local},
 * where every replica has its own optimizer state: there a retry starts the epoch over.
 */
public final class AllreduceTransport extends AveragingTransport {
  private static final ClassTag<EpochOutcome> OUTCOME = ClassTag$.MODULE$.apply(EpochOutcome.class);
  /**
   * How long the driver waits for a round report before it looks whether the stage has ended:
   * the epoch's end is seen within this time (at 100 ms it was a tenth of a LeNet epoch).
   */
  private static final long POLL_MILLIS = 2;

  private final AllreduceConfig transport;
  private final String token;
  private final int snapshotEvery;
  private final PrintWriter console;

  AllreduceTransport(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      BatchSchedule schedule, Replica initial, WorkerSettings settings, PrintWriter console) {
    super(sc, shards, spec, config, schedule, initial, settings);
    this.transport = config.training().allreduce();
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
    this.console = console;
    boolean ownState = mode == AveragingMode.PARAMETERS && updaterPolicy == UpdaterStatePolicy.LOCAL;
    this.snapshotEvery = config.checkpoint().enabled() && !ownState ? config.checkpoint().everyRounds() : 0;
  }

  /** The state after {@code round} when the driver has it: at the end of an epoch, or from a snapshot. */
  @Override
  public ModelState stateAfterRound(int round) {
    return heldStateAfter(round);
  }

  @Override
  public TransportName transport() {
    return TransportName.ALLREDUCE;
  }

  @Override
  public EpochStats epoch(int epoch, RoundListener rounds) {
    long start = System.nanoTime();
    EpochSpec spec = new EpochSpec(mode, epoch, nextRound(), stepsTaken(), batchesPerRound(), updaterPolicy,
        learningRateFactor(), firstBatch(epoch), snapshotEvery);
    ModelState state = state();
    Broadcast<ModelState> broadcast = sc.broadcast(
        spec.sharedUpdaterState() ? state : new ModelState(state.parameters(), new float[0]));
    Delivery delivery = new Delivery(nextRound(), rounds);
    try (RoundReportServer progress = RoundReportServer.open(sc.getConf().get("spark.driver.host"), token)) {
      AllreduceSettings allreduce = new AllreduceSettings(transport.portLow(), transport.portHigh(),
          new RingOptions(transport.timeoutMillis(), transport.chunkBytes(), wireFormat(transport.compression())),
          token, progress.address().getHostString(), progress.address().getPort());
      sc.setJobGroup("convoy-round-epoch-" + (epoch + 1), "epoch " + (epoch + 1) + " (" + mode.configName()
          + " averaging over ring allreduce, one barrier stage)", false);
      EpochTask task = new EpochTask(this.spec, pipeline, schedule, spec, broadcast, settings, allreduce);
      JavaRDD<EpochOutcome> stage = JavaRDD.fromRDD(shards.rdd().barrier().mapPartitions(task, false, OUTCOME),
          OUTCOME);
      // The shuffle makes the barrier stage a map stage, which Spark retries; see the class comment.
      JavaFutureAction<List<EpochOutcome>> job = stage.repartition(1).collectAsync();
      List<EpochOutcome> outcomes;
      EpochOutcome first;
      try {
        while (!job.isDone()) {
          RoundReportServer.Progress p = progress.poll(POLL_MILLIS);
          if (p != null) {
            deliver(p, delivery, spec);
          }
          for (RoundReportServer.Resumption r = progress.resumption(); r != null; r = progress.resumption()) {
            console.printf("convoy: epoch %d's barrier stage failed and was retried: %s%n", epoch + 1,
                r.round() < 0 ? "no snapshot of the epoch yet (checkpoint.every-rounds), it starts the epoch over"
                    : "it goes on after round " + r.round() + " (the newest snapshot)");
          }
        }
        outcomes = job.get();
        first = rankZero(outcomes, epoch);
        // The stage can end before the driver has taken all rank 0 sent (a short epoch ends
        // within milliseconds): take the rest, snapshots included, before the result's rounds.
        long channel = first.channel();
        if (channel != EpochOutcome.NO_CHANNEL && !progress.awaitEnd(channel, transport.timeoutMillis())) {
          console.printf("convoy: warning: epoch %d's progress channel did not reach its end in %d ms; its last "
              + "rounds come from the stage's result, without their snapshots%n", epoch + 1, transport.timeoutMillis());
        }
        for (RoundReportServer.Progress p = progress.poll(0); p != null; p = progress.poll(0)) {
          deliver(p, delivery, spec);
        }
      } catch (RuntimeException | InterruptedException e) {
        job.cancel(true);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted during epoch " + (epoch + 1), e);
        }
        throw (RuntimeException) e;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("epoch " + (epoch + 1) + " failed: " + e.getCause(), e.getCause());
      }
      first.rounds().forEach(delivery::deliver); // those the side channel did not bring
      epochDone(epoch);
      if (first.state() != null) {
        takeRankZero(nextRound(), first.state(), spec);
      } else if (heldStateAfter(nextRound()) == null) {
        // The channel ended, so its last round's state was sent, but the driver did not read that far.
        throw new IllegalStateException("epoch " + (epoch + 1) + ": rank 0 sent its end state over the progress "
            + "channel, and the driver had not read it " + transport.timeoutMillis() + " ms after the stage ended");
      }
      List<String> skipped = outcomes.stream().flatMap(o -> o.skipped().stream()).toList();
      return new EpochStats(delivery.rounds, delivery.batches, delivery.examples, delivery.lossSum,
          (System.nanoTime() - start) / 1e9, skipped);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the driver's progress channel: " + e.getMessage(), e);
    } finally {
      broadcast.destroy();
    }
  }

  private static EpochOutcome rankZero(List<EpochOutcome> outcomes, int epoch) {
    return outcomes.stream().filter(o -> o.rank() == 0).findFirst()
        .orElseThrow(() -> new IllegalStateException("epoch " + (epoch + 1) + ": rank 0 returned no result"));
  }

  /** Delivers a round rank 0 reported, first taking the state of its snapshot if it brought one. */
  private void deliver(RoundReportServer.Progress p, Delivery delivery, EpochSpec spec) {
    if (p.snapshot() != null && p.snapshot().round() == p.report().round()) {
      // Before the round is delivered: a checkpoint due after it takes this state.
      takeRankZero(p.report().round(), p.snapshot().state(), spec);
    }
    delivery.deliver(p.report());
  }

  /** Rank 0's state after {@code round}; its updater state where the replicas share one. */
  private void takeRankZero(int round, ModelState rankZero, EpochSpec spec) {
    stateAfter(round, rankZero.parameters(), spec.sharedUpdaterState() ? rankZero.updaterState() : null);
  }

  /**
   * Hands each round to the listener once, in order, and sums what the epoch's statistics need:
   * a retried stage reports again the rounds after its snapshot, or the whole epoch.
   */
  private static final class Delivery {
    private final RoundListener listener;
    private int delivered;
    int rounds;
    long batches;
    long examples;
    double lossSum;

    Delivery(int delivered, RoundListener listener) {
      this.delivered = delivered;
      this.listener = listener;
    }

    void deliver(RoundReport r) {
      if (r.round() <= delivered) {
        return;
      }
      listener.round(stats(r));
      delivered = r.round();
      rounds++;
      batches += r.batches();
      examples += r.examples();
      lossSum += r.loss() * r.batches();
    }
  }

  private static RoundStats stats(RoundReport r) {
    return new RoundStats(r.round(), r.epoch(), r.loss(), r.examples(), r.batches(), r.seconds(), r.timings(),
        r.learningRate());
  }

  static WireFormat wireFormat(String compression) {
    return compression.equals("bf16") ? WireFormat.BF16 : WireFormat.FLOAT32;
  }
}
