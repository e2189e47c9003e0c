package io.convoy.torch;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * DL4J's ConvolutionLayer: weights [out, in, kH, kW] in C order, which is torch's layout, an
 * optional bias, then the layer's activation. Truncate mode, as DL4J pads: floor((in + 2p - k) / s) + 1.
 */
final class ConvOp implements TorchOp {
  private final String name;
  private final Layer layer;
  private final long[] weightShape;
  private final boolean bias;
  private final long[] stride;
  private final long[] padding;
  private final UnaryOperator<Tensor> activation;

  ConvOp(String name, Layer layer, ConvolutionLayer conf, UnaryOperator<Tensor> activation) {
    this.name = name;
    this.layer = layer;
    this.weightShape = layer.getParam("W").shape();
    this.bias = conf.hasBias();
    this.stride = longs(conf.getStride());
    this.padding = longs(conf.getPadding());
    this.activation = activation;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor w = pass.param(name, "W", layer.getParam("W"), weightShape);
    TensorOptional b = bias ? new TensorOptional(pass.param(name, "b", layer.getParam("b"), weightShape[0]))
        : new TensorOptional();
    Tensor y = torch.conv2d(inputs.get(0), w, b, stride, padding, new long[] {1, 1}, 1);
    return activation.apply(y);
  }

  static long[] longs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
