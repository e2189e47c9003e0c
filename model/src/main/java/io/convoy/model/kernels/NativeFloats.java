package io.convoy.model.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** Raw access to float arrays of ND4J's CPU backend, which keeps them in host memory. */
final class NativeFloats {
  private NativeFloats() {}

  /** Whether {@code a} is float data laid out densely in C order, which the kernels read directly. */
  static boolean denseFloat(INDArray a) {
    boolean dense = a.isVectorOrScalar() ? a.length() == 1 || a.elementWiseStride() == 1
        : a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    return dense && a.dataType() == DataType.FLOAT && a.data().addressPointer() != null;
  }

  /** {@code a} itself where it is dense C-order float data, else a dense copy. */
  static INDArray dense(INDArray a) {
    return denseFloat(a) ? a : a.castTo(DataType.FLOAT).dup('c');
  }

  /** A new pointer at {@code a}'s first element (a view's buffer already points at its offset). */
  static FloatPointer pointer(INDArray a) {
    return new FloatPointer(a.data().addressPointer());
  }

  /** All of the small vector {@code a} into {@code dst}, in C order. */
  static void read(INDArray a, float[] dst) {
    if (denseFloat(a)) {
      pointer(a).get(dst, 0, (int) a.length());
    } else {
      float[] values = a.toFloatVector();
      System.arraycopy(values, 0, dst, 0, values.length);
    }
  }

  /** {@code src} into the dense float array {@code a} (a parameter or gradient view). */
  static void write(float[] src, INDArray a) {
    if (denseFloat(a)) {
      pointer(a).put(src, 0, (int) a.length());
    } else {
      a.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(src).reshape(a.shape()));
    }
  }
}
