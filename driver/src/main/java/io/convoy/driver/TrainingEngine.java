package io.convoy.driver;

import io.convoy.worker.ModelState;

/** Trains the replicas an epoch at a time; convoy's own engine or a baseline. */
interface TrainingEngine {
  /** Trains one epoch, reporting each averaging round to {@code rounds} as it completes. */
  EpochStats epoch(int epoch, RoundListener rounds);

  /** The current parameters (and updater state, where the engine keeps one shared state). */
  ModelState state();

  /** Multiplies the scheduled learning rate from the next round on (plateau drops). */
  void setLearningRateFactor(double factor);

  /** Minibatches each replica trains between averagings. */
  int batchesPerRound();

  /** Called after every averaging round. */
  interface RoundListener {
    void round(RoundStats round);
  }
}
