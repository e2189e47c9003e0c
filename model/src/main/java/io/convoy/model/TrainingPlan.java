package io.convoy.model;

import java.io.Serializable;

/**
 * What a learning-rate schedule needs to know about the run: the number of workers (for the
 * linear scaling rule), the number of epochs (the horizon of cosine and poly) and the number of
 * minibatches each replica trains per epoch (to turn the global step into a fractional epoch).
 *
 * @param workers replicas training in parallel, at least 1
 * @param epochs passes over the training set, at least 1
 * @param stepsPerEpoch minibatches each replica trains per epoch, at least 1
 */
public record TrainingPlan(int workers, int epochs, long stepsPerEpoch) implements Serializable {
  /** One worker, one epoch of one step: enough for a constant rate. */
  public static final TrainingPlan SINGLE = new TrainingPlan(1, 1, 1);

  public TrainingPlan {
    if (workers < 1 || epochs < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException("training plan needs workers, epochs and steps per epoch >= 1, found "
          + workers + ", " + epochs + ", " + stepsPerEpoch);
    }
  }

  /**
   * The plan of a run over {@code trainImages} images: each replica's shard holds at most
   * ceil(images / workers) of them (convoy's sharder deals them round-robin) and is walked in
   * minibatches of {@code batchSize}, the last one possibly short.
   */
  public static TrainingPlan of(int workers, int epochs, int batchSize, long trainImages) {
    long shard = Math.max(1, (trainImages + workers - 1) / workers);
    return new TrainingPlan(workers, epochs, (shard + batchSize - 1) / batchSize);
  }
}
