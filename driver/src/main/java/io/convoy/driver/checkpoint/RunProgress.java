package io.convoy.driver.checkpoint;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.engine.EpochStats;
import io.convoy.driver.engine.RoundStats;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.replica.RoundTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands and what it has totalled so far: everything besides the model
 * that a checkpoint must hold for a resumed run to go on exactly as the uninterrupted one. The
 * minibatches themselves need no cursor of their own: they are a function of (seed, epoch,
 * shard, index), so {@code epoch} and {@code batchesDone} say which come next. The plateau and
 * early-stopping decisions are kept as the evaluations they were made from and replayed.
 */
public final class RunProgress {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The epoch being trained (from 0); the number of finished epochs. */
  public int epoch;
  /** Minibatches per replica of {@code epoch} already trained and averaged. */
  public int batchesDone;
  /** Averaging rounds done in the run. */
  public int rounds;
  /** Optimizer steps per replica in the run. */
  public long steps;
  /** Time spent training (evaluation excluded) and examples trained, over the run. */
  public double trainSeconds;
  public long trainExamples;
  /**
   * Where training time went: the rounds' timings summed. In {@code progress.json} as the array
   * {@code split} (see {@link #splitArray()}).
   */
  public transient RoundTimings timeSplit = RoundTimings.ZERO;
  /** Totals of the rounds of {@code epoch} done so far. */
  int epochRounds;
  long epochBatches;
  long epochExamples;
  double epochLossSum;
  double epochSeconds;
  /** Every epoch's validation loss, top-1 and top-5, in order. */
  public List<double[]> evaluations = new ArrayList<>();
  /** Samples skipped during training so far, as {@code path<TAB>reason}. */
  public List<String> skipped = new ArrayList<>();
  /** Multiplies the learning rate after rollbacks from a divergence (1 without). */
  public double rollbackFactor = 1;
  /** Early stopping ended the run. */
  public boolean stopped;
  /** The run's seed, recorded for provenance. */
  public long seed;

  /** Records a finished round of {@code batchesPerRound} minibatches (fewer at an epoch's end). */
  public void roundDone(RoundStats r, int batchesPerRound, int batchesPerEpoch) {
    timeSplit = timeSplit.plus(r.timings());
    rounds++;
    batchesDone = Math.min(batchesDone + batchesPerRound, batchesPerEpoch);
    epochRounds++;
    epochBatches += r.batches();
    epochExamples += r.examples();
    epochLossSum += r.loss() * r.batches();
    epochSeconds += r.seconds();
  }

  /**
   * The epoch's totals: the engine's {@code stats} of the rounds this process ran, plus those of
   * rounds done before the run was resumed. Resets the epoch's counters for the next one.
   */
  public EpochStats epochDone(EpochStats stats, int workers, EvalResult eval) {
    EpochStats total = new EpochStats(stats.rounds() + carriedRounds, stats.batches() + carriedBatches,
        stats.examples() + carriedExamples, stats.lossSum() + carriedLossSum, stats.seconds() + carriedSeconds);
    rounds = roundsAtEpochStart + total.rounds();
    steps += total.batches() / workers;
    trainSeconds += total.seconds();
    trainExamples += total.examples();
    evaluations.add(new double[] {eval.loss(), eval.top1(), eval.top5()});
    epoch++;
    batchesDone = 0;
    epochRounds = 0;
    epochBatches = 0;
    epochExamples = 0;
    epochLossSum = 0;
    epochSeconds = 0;
    startEpoch();
    return total;
  }

  // What the current epoch had done before this process took over (zero for a fresh run).
  private transient int roundsAtEpochStart;
  private transient int carriedRounds;
  private transient long carriedBatches;
  private transient long carriedExamples;
  private transient double carriedLossSum;
  private transient double carriedSeconds;

  /** Marks the start of training in this process: what the epoch did so far is carried over. */
  void startEpoch() {
    roundsAtEpochStart = rounds - epochRounds;
    carriedRounds = epochRounds;
    carriedBatches = epochBatches;
    carriedExamples = epochExamples;
    carriedLossSum = epochLossSum;
    carriedSeconds = epochSeconds;
  }

  /** Goes back to {@code earlier} (a checkpoint's progress), keeping this run's rollback factor. */
  void rollBackTo(RunProgress earlier, double factor) {
    epoch = earlier.epoch;
    batchesDone = earlier.batchesDone;
    rounds = earlier.rounds;
    steps = earlier.steps;
    trainSeconds = earlier.trainSeconds;
    trainExamples = earlier.trainExamples;
    timeSplit = earlier.timeSplit;
    epochRounds = earlier.epochRounds;
    epochBatches = earlier.epochBatches;
    epochExamples = earlier.epochExamples;
    epochLossSum = earlier.epochLossSum;
    epochSeconds = earlier.epochSeconds;
    evaluations = new ArrayList<>(earlier.evaluations);
    stopped = earlier.stopped;
    rollbackFactor = factor;
    startEpoch();
  }

  /**
   * {@link #timeSplit} as {@code progress.json} has always held it, so that checkpoints of every
   * version load: broadcast, data, compute, overhead and apply seconds.
   */
  @JsonProperty("split")
  private double[] splitArray() {
    RoundTimings t = timeSplit;
    return new double[] {t.broadcastSeconds(), t.dataSeconds(), t.computeSeconds(), t.overheadSeconds(),
        t.applySeconds()};
  }

  @JsonProperty("split")
  private void splitArray(double[] s) {
    timeSplit = new RoundTimings(s[0], s[1], s[2], s[3], s[4]);
  }

  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the run's progress", e);
    }
  }

  static RunProgress fromJson(byte[] json) {
    try {
      RunProgress p = JSON.readValue(json, RunProgress.class);
      p.startEpoch();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a checkpoint's progress.json: " + e.getMessage(), e);
    }
  }
}
