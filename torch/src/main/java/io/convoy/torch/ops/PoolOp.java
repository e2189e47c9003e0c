package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * DL4J's SubsamplingLayer, max or average, over the {@link Window} of its convolution mode.
 * Max pooling pads with -infinity (padding never wins). Average pooling divides by kH x kW, padding
 * included, with DL4J's default {@code avgPoolIncludePadInDivisor}; by the number of input pixels
 * under the window without it.
 *
 * <p>Where an average window overlaps padding and the divisor includes it, DL4J's oneDNN helper
 * (on in convoy) computes its backward pass as if the divisor did not (measured: a 3x3 input,
 * 2x2/2 in Same mode, gives the 1/count gradient with either setting), which is not the gradient of
 * its own forward pass; libtorch's is, as DL4J's built-in layer computes it. The zoo never meets the
 * case except simple-cnn with {@code model.pooling = avg} on odd map sizes.
 */
final class PoolOp implements TorchOp {
  private static final long[] NO_DILATION = {1, 1};

  private final boolean max;
  private final boolean includePad;
  private final Window window;

  PoolOp(SubsamplingLayer conf) {
    this.max = conf.getPoolingType() == PoolingType.MAX;
    this.includePad = conf.isAvgPoolIncludePadInDivisor();
    this.window = Window.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getConvolutionMode());
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor x = inputs.get(0);
    long[] pads = window.pads(x.size(2), x.size(3));
    long[] symmetric = Window.symmetric(pads);
    // torch pads up to half the kernel itself; beyond that, or one-sided, explicitly
    if (symmetric != null && 2 * symmetric[0] <= window.kernel()[0] && 2 * symmetric[1] <= window.kernel()[1]) {
      return max ? torch.max_pool2d(x, window.kernel(), window.stride(), symmetric, NO_DILATION, false)
          : average(x, symmetric, includePad);
    }
    if (max) {
      return torch.max_pool2d(Window.pad(x, pads, Double.NEGATIVE_INFINITY), window.kernel(), window.stride(),
          new long[] {0, 0}, NO_DILATION, false);
    }
    Tensor sums = average(Window.pad(x, pads, 0), new long[] {0, 0}, true);
    if (includePad) {
      return sums;
    }
    // the share of each window that lies on the input: 1 where no padding is under it
    Tensor inside = average(Window.pad(torch.ones_like(x.detach()), pads, 0), new long[] {0, 0}, true);
    return sums.div(inside);
  }

  private Tensor average(Tensor x, long[] padding, boolean countPadding) {
    return torch.avg_pool2d(x, window.kernel(), window.stride(), padding, false, countPadding, new LongOptional());
  }
}
