package io.convoy.worker.replica;

import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import java.io.Serializable;

/**
 * What every task of one round does.
 *
 * @param mode {@code parameters}: train {@code batches} minibatches and return parameters;
 *     {@code gradients}: return the gradient of minibatch {@code firstBatch}
 * @param epoch epoch number, from 0
 * @param round round number within the run, from 0
 * @param firstBatch first minibatch of the epoch this round trains
 * @param batches minibatches each replica trains this round (the averaging frequency k, or
 *     fewer at the end of an epoch)
 * @param globalStep optimizer steps each replica has taken before this round
 * @param updaterState how optimizer state is handled
 * @param learningRateFactor multiplies the scheduled learning rate (the plateau schedule's drops)
 */
public record RoundSpec(AveragingMode mode, int epoch, int round, int firstBatch, int batches, long globalStep,
    UpdaterStatePolicy updaterState, double learningRateFactor) implements Serializable {}
