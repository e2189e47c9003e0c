package io.convoy.driver.engine;

/**
 * Where a run stands after {@code batchesDone} minibatches of {@code epoch} (from 0), in the
 * counters engines keep: optimizer steps taken and rounds done, with {@code batchesPerRound}
 * minibatches a round (an epoch's last round may be shorter).
 */
record RunPosition(int epoch, int batchesDone, long step, int round) {

  /**
   * @throws IllegalArgumentException when {@code batchesDone} is not a round boundary
   */
  static RunPosition at(int epoch, int batchesDone, int batchesPerRound, int batchesPerEpoch) {
    int k = batchesPerRound;
    if (batchesDone % k != 0 && batchesDone != batchesPerEpoch) {
      throw new IllegalArgumentException("a round boundary is a multiple of " + k + " minibatches, not " + batchesDone);
    }
    int roundsPerEpoch = (batchesPerEpoch + k - 1) / k;
    return new RunPosition(epoch, batchesDone, (long) epoch * batchesPerEpoch + batchesDone,
        epoch * roundsPerEpoch + (batchesDone + k - 1) / k);
  }

  /** The first minibatch to train of {@code e}: where this position left it, or its start. */
  int firstBatch(int e) {
    return e == epoch ? batchesDone : 0;
  }
}
