package io.convoy.driver;

/** Totals of one training epoch (evaluation excluded). */
record EpochStats(int rounds, long batches, long examples, double lossSum, double seconds) {
  double meanLoss() {
    return lossSum / batches;
  }
}
