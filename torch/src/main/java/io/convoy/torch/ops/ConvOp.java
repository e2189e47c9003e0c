package io.convoy.torch.ops;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * DL4J's ConvolutionLayer: weights [out, in, kH, kW] in C order, which is torch's layout, an
 * optional bias, then the layer's activation. Padded as DL4J pads in the layer's convolution mode
 * ({@link Window}): zeros, explicitly where Same mode pads one side more than the other.
 *
 * <p>Unpadded 1x1 convolutions (ResNet projections and bottlenecks) run as matrix products over
 * the (subsampled) input: the same sums, and libtorch's backward of them is two matrix products.
 * Through {@code conv2d}, oneDNN 3.7's 1x1 backward (brgemm) sizes its blocks by the CPU's cache
 * sizes, which some virtual machines report as zero: an integer division by zero (SIGFPE) that
 * killed the JVM on resnet50 there.
 *
 * <p>Larger kernels go through libtorch's oneDNN ({@code conv2d}) where its results were measured
 * right, else through libtorch's own im2col and matrix products ({@link #convolve}, slower). On
 * this project's virtual machines oneDNN 3.7.1 (libtorch 2.10) computes some convolutions wrong,
 * by 20-60% of the output's scale, with any ISA it may use: the forward pass with more than 16 input
 * channels not a multiple of 16 (20, 24, 40, 50: lenet's second convolution, googlenet's 24-channel
 * 5x5s), the input's gradient with output channels not a multiple of 16 (8, 20, 24, 50), and with
 * stride 2 and 40 or 48 input channels. Measured over 3,024 shapes (1, 3, 5 kernels, stride 1 and 2,
 * 3 to 96 channels, 7 to 28 pixels) against {@code thnn_conv2d}; {@link #oneDnnTrusted} keeps the
 * shapes that were all right, ConvOpTest checks the choice against the reference on both sides.
 */
final class ConvOp implements TorchOp {
  private static final long[] NO_DILATION = {1, 1};

  private final String name;
  private final Layer layer;
  private final long[] weightShape;
  private final boolean bias;
  private final Window window;
  private final UnaryOperator<Tensor> activation;
  /** An unpadded 1x1 convolution, run as a matrix product (Same mode never pads a 1x1 window). */
  private final boolean pointwise;
  /** Whether {@code conv2d} (oneDNN) computes this convolution right, else {@code thnn_conv2d}. */
  private final boolean oneDnn;

  ConvOp(String name, Layer layer, ConvolutionLayer conf, UnaryOperator<Tensor> activation) {
    this.name = name;
    this.layer = layer;
    this.weightShape = layer.getParam("W").shape();
    this.bias = conf.hasBias();
    this.window = Window.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getConvolutionMode());
    this.activation = activation;
    this.pointwise = weightShape[2] == 1 && weightShape[3] == 1
        && (window.same() || (window.padding()[0] == 0 && window.padding()[1] == 0));
    this.oneDnn = oneDnnTrusted(weightShape[1], weightShape[0], window.stride());
  }

  /**
   * Whether libtorch's oneDNN convolutions were measured right for {@code in} input and {@code out}
   * output channels at this stride (see the class comment): channels in multiples of 16 (or fewer
   * than 16 inputs, an image's), and with a stride, inputs in multiples of 32 beyond 16.
   */
  static boolean oneDnnTrusted(long in, long out, long[] stride) {
    boolean strided = stride[0] != 1 || stride[1] != 1;
    return (in < 16 || in % 16 == 0) && out % 16 == 0 && (!strided || in <= 16 || in % 32 == 0);
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor w = pass.param(name, "W", layer.getParam("W"), weightShape);
    TensorOptional b = bias ? new TensorOptional(pass.param(name, "b", layer.getParam("b"), weightShape[0]))
        : new TensorOptional();
    Tensor x = inputs.get(0);
    Tensor y;
    if (pointwise) {
      y = pointwise(x, w);
      if (bias) {
        y = y.add(b.get().reshape(1, weightShape[0], 1, 1));
      }
    } else {
      long[] pads = window.pads(x.size(2), x.size(3));
      long[] symmetric = Window.symmetric(pads);
      if (symmetric == null) {
        x = Window.pad(x, pads, 0);
        symmetric = new long[] {0, 0};
      }
      y = convolve(x, w, b, window.stride(), symmetric, oneDnn);
    }
    return activation.apply(y);
  }

  /**
   * A convolution through oneDNN ({@code conv2d}), else libtorch's im2col and matrix products: on one
   * thread {@code thnn_conv2d} (a matrix product per image, cache-sized), on more {@link #unfolded}.
   * {@code thnn_conv2d} spreads the images over OpenMP's threads and each calls OpenBLAS, whose
   * pthreads build then runs its own threads beside them: lenet at 2 threads trained at 400-520
   * images/s against 1,830 with one matrix product per step (2,370 on one thread through thnn_conv2d,
   * 1,960 unfolded; docs/benchmarks.md, seventh step).
   */
  static Tensor convolve(Tensor x, Tensor w, TensorOptional b, long[] stride, long[] padding, boolean oneDnn) {
    if (oneDnn) {
      return torch.conv2d(x, w, b, stride, padding, NO_DILATION, 1);
    }
    if (torch.get_num_threads() > 1) {
      return unfolded(x, w, b, stride, padding);
    }
    return torch.thnn_conv2d(x, w, new long[] {w.size(2), w.size(3)}, b, stride, padding);
  }

  /**
   * The convolution as one matrix product over the whole batch: the input's windows as columns
   * ({@code im2col}, [C kH kW, N oH oW]) times the weights ([out, C kH kW]); OpenBLAS parallelizes
   * the one product itself. libtorch's backward is two matrix products and {@code col2im}.
   */
  static Tensor unfolded(Tensor x, Tensor w, TensorOptional b, long[] stride, long[] padding) {
    long n = x.size(0);
    long out = w.size(0);
    long kh = w.size(2);
    long kw = w.size(3);
    long oh = (x.size(2) + 2 * padding[0] - kh) / stride[0] + 1;
    long ow = (x.size(3) + 2 * padding[1] - kw) / stride[1] + 1;
    Tensor cols = torch.im2col(x, new long[] {kh, kw}, NO_DILATION, padding, stride);
    long k = cols.size(1);
    Tensor y = w.reshape(out, k).mm(cols.permute(1, 0, 2).reshape(k, n * oh * ow));
    if (b.has_value()) {
      y = y.add(b.get().reshape(out, 1));
    }
    return y.reshape(out, n, oh, ow).permute(1, 0, 2, 3).contiguous();
  }

  /** {@code y[n, o, h, w] = sum_c W[o, c] x[n, c, h * s, w * s]}: a 1x1 convolution without padding. */
  private Tensor pointwise(Tensor x, Tensor w) {
    long[] stride = window.stride();
    if (stride[0] != 1) {
      x = x.slice(2, new LongOptional(0), new LongOptional(), stride[0]);
    }
    if (stride[1] != 1) {
      x = x.slice(3, new LongOptional(0), new LongOptional(), stride[1]);
    }
    long n = x.size(0);
    long h = x.size(2);
    long width = x.size(3);
    Tensor y = torch.matmul(w.reshape(weightShape[0], weightShape[1]), x.reshape(n, weightShape[1], h * width));
    return y.reshape(n, weightShape[0], h, width);
  }
}
