package io.convoy.torch;

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
 * optional bias, then the layer's activation. Truncate mode, as DL4J pads: floor((in + 2p - k) / s) + 1.
 *
 * <p>Unpadded 1x1 convolutions (ResNet projections and bottlenecks) run as matrix products over
 * the (subsampled) input: the same sums, and libtorch's backward of them is two matrix products.
 * Through {@code conv2d}, oneDNN 3.7's 1x1 backward (brgemm) sizes its blocks by the CPU's cache
 * sizes, which some virtual machines report as zero: an integer division by zero (SIGFPE) that
 * killed the JVM on resnet50 there.
 */
final class ConvOp implements TorchOp {
  private final String name;
  private final Layer layer;
  private final long[] weightShape;
  private final boolean bias;
  private final long[] stride;
  private final long[] padding;
  private final UnaryOperator<Tensor> activation;
  /** An unpadded 1x1 convolution, run as a matrix product. */
  private final boolean pointwise;

  ConvOp(String name, Layer layer, ConvolutionLayer conf, UnaryOperator<Tensor> activation) {
    this.name = name;
    this.layer = layer;
    this.weightShape = layer.getParam("W").shape();
    this.bias = conf.hasBias();
    this.stride = longs(conf.getStride());
    this.padding = longs(conf.getPadding());
    this.activation = activation;
    this.pointwise = weightShape[2] == 1 && weightShape[3] == 1 && padding[0] == 0 && padding[1] == 0;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor w = pass.param(name, "W", layer.getParam("W"), weightShape);
    TensorOptional b = bias ? new TensorOptional(pass.param(name, "b", layer.getParam("b"), weightShape[0]))
        : new TensorOptional();
    Tensor x = inputs.get(0);
    Tensor y = pointwise ? pointwise(x, w) : torch.conv2d(x, w, b, stride, padding, new long[] {1, 1}, 1);
    if (pointwise && bias) {
      y = y.add(b.get().reshape(1, weightShape[0], 1, 1));
    }
    return activation.apply(y);
  }

  /** {@code y[n, o, h, w] = sum_c W[o, c] x[n, c, h * s, w * s]}: a 1x1 convolution without padding. */
  private Tensor pointwise(Tensor x, Tensor w) {
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

  static long[] longs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
