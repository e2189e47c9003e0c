package io.convoy.driver.engine;

import io.convoy.conf.names.TransportName;
import io.convoy.worker.replica.ModelState;

/** Trains the replicas an epoch at a time; convoy's own engine or a baseline. */
public interface TrainingEngine {
  /** Trains one epoch, reporting each averaging round to {@code rounds} as it completes. */
  EpochStats epoch(int epoch, RoundListener rounds);

  /** The current parameters (and updater state, where the engine keeps one shared state). */
  ModelState state();

  /** Multiplies the scheduled learning rate from the next round on (plateau drops). */
  void setLearningRateFactor(double factor);

  /** How averaging travels: the start event and the console name it. */
  TransportName transport();

  /** Minibatches each replica trains between averagings. */
  int batchesPerRound();

  /** Whether {@link #restore} can continue a run from a checkpoint. */
  default boolean resumable() {
    return false;
  }

  /**
   * The state after {@code round}, the round just reported, for a checkpoint; null when the
   * engine does not hold it on the driver at that point (then no checkpoint is written there).
   */
  default ModelState stateAfterRound(int round) {
    return state();
  }

  /**
   * Continues a run from a checkpoint: {@code state} is the state after minibatch
   * {@code batchesDone} of {@code epoch} (from 0), and the next {@link #epoch} call for that epoch
   * trains from there on.
   */
  default void restore(ModelState state, int epoch, int batchesDone) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume from a checkpoint");
  }

  /** Called after every averaging round. */
  interface RoundListener {
    void round(RoundStats round);
  }
}
