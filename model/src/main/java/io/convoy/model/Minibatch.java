package io.convoy.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A minibatch as the flat arrays convoy moves around, turned into the arrays DL4J takes. */
final class Minibatch {
  private Minibatch() {}

  /** {@code n} examples of {@code input}, NCHW, {@code n * input.length()} floats. */
  static INDArray features(InputShape input, float[] features, int n) {
    FloatCopy.requireLength("features", features.length, n * input.length());
    return Nd4j.create(features, new long[] {n, input.channels(), input.height(), input.width()}, 'c');
  }

  /** The class index of each example as one-hot rows, {@code n x classes}. */
  static INDArray oneHot(int[] labels, int n, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + classes + ")");
      }
      y.putScalar(i, labels[i], 1f);
    }
    return y;
  }
}
