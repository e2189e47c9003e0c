package io.convoy.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between Java float arrays and contiguous ND4J vectors (a network's flattened
 * parameters, gradients, optimizer state) without allocating. ND4J's own {@code toFloatVector}
 * and {@code createFromArray(...).assign} allocate a new array on the heap or off it each call
 * and copy twice; for a replica that moves its whole parameter vector every step (gradients over
 * the ring allreduce) that was most of the step's overhead outside compute, plus garbage.
 *
 * <p>The direct path reads and writes the CPU backend's host memory through JavaCPP. Any other
 * case (the CUDA backend, whose host copy is managed by its allocator; a strided view; another
 * data type) takes ND4J's portable path, which gives the same floats.
 */
final class FloatCopy {
  private static final boolean CPU_BACKEND = NativeVariant.onCpu(Nd4j.getBackend().getClass().getName());

  private FloatCopy() {}

  /** Fails, naming {@code what}, unless a float array holds {@code expected} values. */
  static void requireLength(String what, int found, int expected) {
    if (found != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " floats, found " + found);
    }
  }

  /** Copies all of {@code src} into {@code dst[offset ..]}. */
  static void read(INDArray src, float[] dst, int offset) {
    int n = length(src, dst.length - offset);
    if (direct(src)) {
      pointer(src).get(dst, offset, n);
    } else {
      readPortable(src, dst, offset);
    }
  }

  /** Copies {@code src[offset .. offset + dst.length()]} into all of {@code dst}. */
  static void write(float[] src, int offset, INDArray dst) {
    int n = length(dst, src.length - offset);
    if (direct(dst)) {
      pointer(dst).put(src, offset, n);
    } else {
      writePortable(src, offset, dst);
    }
  }

  static void readPortable(INDArray src, float[] dst, int offset) {
    float[] values = src.toFloatVector();
    System.arraycopy(values, 0, dst, offset, values.length);
  }

  static void writePortable(float[] src, int offset, INDArray dst) {
    int n = (int) dst.length();
    float[] values = offset == 0 && src.length == n ? src : java.util.Arrays.copyOfRange(src, offset, offset + n);
    dst.assign(Nd4j.createFromArray(values).reshape(dst.shape()));
  }

  static boolean direct(INDArray a) {
    return CPU_BACKEND && a.dataType() == DataType.FLOAT && !a.wasClosed()
        && (a.length() <= 1 || a.elementWiseStride() == 1) && a.data().addressPointer() != null;
  }

  /** The first element's address: a view's buffer already points at its offset. */
  private static FloatPointer pointer(INDArray a) {
    return new FloatPointer(a.data().addressPointer());
  }

  private static int length(INDArray a, int room) {
    long n = a.length();
    if (n > room) {
      throw new IllegalArgumentException("array of " + n + " floats does not fit in " + room);
    }
    return (int) n;
  }
}
