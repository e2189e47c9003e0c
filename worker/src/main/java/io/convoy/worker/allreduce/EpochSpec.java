package io.convoy.worker.allreduce;

import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import java.io.Serializable;

/**
 * What every task of one epoch's barrier stage does (the {@code allreduce} transport): the
 * epoch's rounds, which {@link RoundSpec}s the {@code jobs} transport would send one by one.
 *
 * @param mode what is averaged
 * @param epoch epoch number, from 0
 * @param firstRound number of the epoch's first round within the run, from 0
 * @param globalStep optimizer steps each replica has taken before the epoch
 * @param frequency minibatches per round ({@code parameters}; 1 for {@code gradients})
 * @param updaterState how optimizer state is handled in {@code parameters} mode
 * @param learningRateFactor multiplies the scheduled learning rate (plateau drops)
 * @param firstBatch the epoch's first minibatch to train: 0, or where a checkpoint left it
 * @param snapshotEvery rank 0 sends the state to the driver after every round whose number is a
 *     multiple of this ({@link StageSnapshot}); 0: never
 */
public record EpochSpec(AveragingMode mode, int epoch, int firstRound, long globalStep, int frequency,
    UpdaterStatePolicy updaterState, double learningRateFactor, int firstBatch, int snapshotEvery)
    implements Serializable {

  /** Whether the optimizer state is one for all replicas (and travels with the parameters). */
  public boolean sharedUpdaterState() {
    return mode == AveragingMode.GRADIENTS || updaterState == UpdaterStatePolicy.AVERAGE;
  }
}
