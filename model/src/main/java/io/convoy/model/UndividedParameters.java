package io.convoy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Trainable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The ranges of a network's flat parameter vector whose "gradient" DL4J's updater does not divide
 * by the minibatch size: batch norm's running statistics, whose entries are updates of the
 * statistics rather than gradients. To sum them over replicas like gradients, a replica multiplies
 * its entries by its example count and the step divides the sum by the total
 * ({@link Replica#computeGradient}, {@link Replica#applyGradient}).
 */
final class UndividedParameters {
  private final long[][] ranges;

  private UndividedParameters(long[][] ranges) {
    this.ranges = ranges;
  }

  static UndividedParameters of(Network net) {
    List<long[]> ranges = new ArrayList<>();
    long offset = 0;
    for (Trainable layer : net.orderedLayers()) {
      for (Map.Entry<String, INDArray> p : layer.paramTable(false).entrySet()) {
        long length = p.getValue().length();
        if (!layer.updaterDivideByMinibatch(p.getKey())) {
          ranges.add(new long[] {offset, offset + length});
        }
        offset += length;
      }
    }
    if (offset != net.numParams()) {
      throw new IllegalStateException("layer parameters add up to " + offset + ", network has " + net.numParams());
    }
    return new UndividedParameters(ranges.toArray(new long[0][]));
  }

  /** Multiplies the ranges' entries of {@code flat[offset ..]} by {@code examples}. */
  void multiply(float[] flat, int offset, int examples) {
    for (long[] r : ranges) {
      for (int i = (int) r[0]; i < r[1]; i++) {
        flat[offset + i] *= examples;
      }
    }
  }

  /** Divides the ranges' entries of {@code view} (a whole gradient view) by {@code examples}. */
  void divide(INDArray view, int examples) {
    if (ranges.length == 0) {
      return;
    }
    INDArray flat = view.reshape(view.length());
    for (long[] r : ranges) {
      flat.get(NDArrayIndex.interval(r[0], r[1])).divi(examples);
    }
  }
}
