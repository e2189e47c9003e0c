package io.convoy.driver.engine;

import java.util.List;

/**
 * Totals of one training epoch (evaluation excluded).
 *
 * @param skipped samples left out of the epoch's minibatches that no round reported (the
 *     allreduce transport's tasks return them with the epoch), as {@code path<TAB>reason}
 */
public record EpochStats(int rounds, long batches, long examples, double lossSum, double seconds, List<String> skipped) {
  /** An epoch whose rounds reported every sample they left out. */
  public EpochStats(int rounds, long batches, long examples, double lossSum, double seconds) {
    this(rounds, batches, examples, lossSum, seconds, List.of());
  }

  public double meanLoss() {
    return lossSum / batches;
  }
}
