package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FloatCopyTest {
  private static float[] ramp(int n, float start) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + i;
    }
    return v;
  }

  /** Views into a flattened vector, as DL4J's per-layer parameter and updater views are. */
  @Test
  void readsAndWritesViewsWithOffsetsLikeNd4jDoes() {
    INDArray whole = Nd4j.createFromArray(ramp(100, 0)).reshape(1, 100);
    INDArray view = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(37, 60));
    assertTrue(FloatCopy.direct(view), "a contiguous CPU float view takes the direct path");
    float[] direct = new float[30];
    float[] portable = new float[30];
    FloatCopy.read(view, direct, 5);
    FloatCopy.readPortable(view, portable, 5);
    assertArrayEquals(portable, direct);
    assertArrayEquals(ramp(23, 37), java.util.Arrays.copyOfRange(direct, 5, 28));

    float[] source = ramp(40, 1000);
    FloatCopy.write(source, 3, view);
    assertArrayEquals(ramp(23, 1003), view.toFloatVector());
    // Nothing outside the view is touched.
    assertArrayEquals(ramp(37, 0), whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 37)).toFloatVector());
    assertArrayEquals(ramp(40, 60), whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(60, 100)).toFloatVector());

    INDArray other = Nd4j.createFromArray(ramp(100, 0)).reshape(1, 100);
    FloatCopy.writePortable(source, 3, other.get(NDArrayIndex.point(0), NDArrayIndex.interval(37, 60)));
    assertArrayEquals(other.toFloatVector(), whole.toFloatVector());
  }

  @Test
  void stridedViewsTakeThePortablePath() {
    INDArray matrix = Nd4j.createFromArray(ramp(12, 0)).reshape('c', 3, 4);
    INDArray column = matrix.getColumn(1);
    float[] out = new float[3];
    FloatCopy.read(column, out, 0);
    assertArrayEquals(new float[] {1, 5, 9}, out);
    FloatCopy.write(new float[] {-1, -2, -3}, 0, column);
    assertArrayEquals(new float[] {0, -1, 2, 3, 4, -2, 6, 7, 8, -3, 10, 11}, matrix.reshape(12).toFloatVector());
  }

  @Test
  void refusesAnArrayTooShort() {
    INDArray v = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10);
    assertThrows(IllegalArgumentException.class, () -> FloatCopy.read(v, new float[12], 3));
    assertThrows(IllegalArgumentException.class, () -> FloatCopy.write(new float[9], 0, v));
  }
}
