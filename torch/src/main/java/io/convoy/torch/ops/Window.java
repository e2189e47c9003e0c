package io.convoy.torch.ops;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Where a convolution or pooling window of DL4J's goes over an NCHW input. Truncate and Strict
 * mode pad every side by the configured padding: floor((in + 2p - k) / s) + 1 outputs. Same mode
 * ignores it and gives ceil(in / s) outputs, padding by total = (out - 1) s + k - in, of which
 * total / 2 (rounded down) before and the rest after (DL4J's ConvolutionUtils.getSameModeTopLeftPadding
 * and libnd4j's convolutions): odd totals, e.g. 2x2/2 pooling of 7 pixels, pad the bottom and
 * right only, which torch's own padding arguments cannot say.
 */
record Window(long[] kernel, long[] stride, long[] padding, boolean same) {
  static Window of(int[] kernel, int[] stride, int[] padding, ConvolutionMode mode) {
    return new Window(longs(kernel), longs(stride), longs(padding), mode == ConvolutionMode.Same);
  }

  /** {top, bottom, left, right} for an input of {@code h x w}. */
  long[] pads(long h, long w) {
    if (!same) {
      return new long[] {padding[0], padding[0], padding[1], padding[1]};
    }
    long[] pads = new long[4];
    long[] in = {h, w};
    for (int d = 0; d < 2; d++) {
      long out = (in[d] + stride[d] - 1) / stride[d];
      long total = Math.max(0, (out - 1) * stride[d] + kernel[d] - in[d]);
      pads[2 * d] = total / 2;
      pads[2 * d + 1] = total - total / 2;
    }
    return pads;
  }

  /** The padding of each dimension where both of its sides get the same, else null. */
  static long[] symmetric(long[] pads) {
    return pads[0] == pads[1] && pads[2] == pads[3] ? new long[] {pads[0], pads[2]} : null;
  }

  /** {@code x} with {@code pads} ({top, bottom, left, right}) of {@code value} around its last two dimensions. */
  static Tensor pad(Tensor x, long[] pads, double value) {
    return torch.constant_pad_nd(x, new long[] {pads[2], pads[3], pads[0], pads[1]}, new Scalar(value));
  }

  static long[] longs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
