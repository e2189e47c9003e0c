package io.convoy.torch.ops;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * libtorch tensors that share memory with ND4J arrays (ND4J's CPU backend keeps them in host
 * memory). The tensor neither owns nor frees the memory: the INDArray must outlive it, which holds
 * for DL4J's parameter and gradient views and for arrays a caller keeps during one step.
 */
public final class TorchViews {
  private TorchViews() {}

  /**
   * A tensor of {@code shape} over the floats of {@code a} in memory order. {@code a} must be one
   * dense block (C or F order with default strides): a DL4J dense weight, stored F-ordered
   * [in, out], is torch's C-ordered [out, in].
   */
  public static Tensor of(INDArray a, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (a.dataType() != DataType.FLOAT || a.length() != n || !dense(a)) {
      throw new IllegalArgumentException("not a dense float block of " + n + " values: "
          + a.dataType() + " " + a.shapeInfoToString().replace('\n', ' '));
    }
    // A view's buffer already points at the view's first element (ND4J M2).
    FloatPointer p = new FloatPointer(a.data().addressPointer());
    return torch.from_blob(p, shape, new TensorOptions(ScalarType.Float));
  }

  /** The shape of {@code a} as torch takes it. */
  public static Tensor of(INDArray a) {
    return of(a, a.shape());
  }

  /** One block in C or F order; a dimension of size 1 may have any stride (ND4J gives 1x1 kernels odd ones). */
  public static boolean dense(INDArray a) {
    long[] shape = a.shape();
    long[] stride = a.stride();
    boolean f = a.ordering() == 'f';
    long expected = 1;
    for (int k = 0; k < shape.length; k++) {
      int i = f ? k : shape.length - 1 - k;
      if (shape[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }
}
