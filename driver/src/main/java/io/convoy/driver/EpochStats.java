package io.convoy.driver;

import java.util.List;

/**
 * Totals of one training epoch (evaluation excluded).
 *
 * @param skipped samples left out of the epoch's minibatches that no round reported (the
 *     allreduce transport's tasks return them with the epoch), as {@code path<TAB>reason}
 */
record EpochStats(int rounds, long batches, long examples, double lossSum, double seconds, List<String> skipped) {
  /** An epoch whose rounds reported every sample they left out. */
  EpochStats(int rounds, long batches, long examples, double lossSum, double seconds) {
    this(rounds, batches, examples, lossSum, seconds, List.of());
  }

  double meanLoss() {
    return lossSum / batches;
  }
}
