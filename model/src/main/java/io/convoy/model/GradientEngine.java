package io.convoy.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of one DL4J network (MultiLayerNetwork or ComputationGraph) in training
 * mode, and its forward pass in inference mode, outside DL4J (see {@link GradientBackend}). Not
 * thread-safe: one replica, one thread at a time.
 */
public interface GradientEngine {
  /**
   * Writes into the network's flattened gradient view exactly what DL4J's
   * {@code computeGradientAndScore} writes: gradients summed over the minibatch
   * (the updater divides), and each batch norm's running-statistics update in the entries of its
   * mean and variance. The view must exist (DL4J lays it out on its first backward pass).
   *
   * @param features NCHW minibatch
   * @param labels one row of class probabilities (one-hot) per example
   * @return DL4J's score: the mean loss plus the regularization term
   */
  double computeGradientAndScore(INDArray features, INDArray labels);

  /**
   * The class probabilities DL4J's {@code output(false, ...)} gives (running statistics, no
   * dropout), within float rounding: a training replica's validation runs on the backend that
   * trains it, so that its memory and speed are the backend's.
   *
   * @param features NCHW minibatch
   * @return one row of class probabilities per example
   */
  INDArray output(INDArray features);
}
