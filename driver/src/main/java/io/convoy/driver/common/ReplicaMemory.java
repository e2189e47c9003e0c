package io.convoy.driver.common;

import io.convoy.conf.names.OptimizerName;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;

/**
 * An estimate of the native memory one training replica needs: its parameter-sized vectors
 * (parameters, gradient, optimizer state) plus, per example of a minibatch, a multiple of the sum
 * of all layer outputs (batch norm's and activations' included, as DL4J keeps them). The
 * multiple is measured, not derived: DL4J 1.0.0-M2 with oneDNN on CPU grew its resident memory by
 * 3.5x to 8.5x of that sum, in floats, per example of batch size (simple-cnn and resnet20, batch 32
 * to 128; see ReplicaMemoryMeasurementTest), for forward activations, their gradients,
 * workspaces and oneDNN's buffers. Deliberately rough: it is there to refuse at start a job that cannot fit,
 * not to tune a tight one.
 */
final class ReplicaMemory {
  /**
   * Floats per example, as a multiple of the sum of layer outputs (see above), plus one for the
   * convolution outputs kept for the backward pass (ModelZoo's cache mode).
   */
  static final int ACTIVATION_FACTOR = 10;
  /** Evaluation's minibatch ({@code ReplicaEvaluation}), forward only. */
  static final int EVAL_BATCH = 128;

  private ReplicaMemory() {}

  static long bytes(ModelSpec spec, int batchSize) {
    ModelSummary summary = ModelSummary.of(spec);
    long params = summary.dl4jParams();
    long activations = summary.outputElements();
    long vectors = params * (2 + updaterCopies(spec.optimizer().name()));
    long training = (long) batchSize * activations * ACTIVATION_FACTOR;
    long evaluation = (long) EVAL_BATCH * activations;
    return Float.BYTES * (vectors + Math.max(training, evaluation));
  }

  /** Parameter-sized vectors of optimizer state. */
  static int updaterCopies(OptimizerName name) {
    return switch (name) {
      case SGD -> 0;
      case MOMENTUM, NESTEROV, RMSPROP -> 1;
      case ADAM -> 2;
    };
  }
}
