package io.convoy.torch.ops;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;

/**
 * DL4J's DenseLayer, {@code activation(x W + b)}, and the linear part of its OutputLayer. DL4J keeps
 * W as [in, out] in F order, which is torch's [out, in] in C order: {@code torch.linear(x, W', b)}
 * reads it in place.
 */
final class DenseOp implements TorchOp {
  private final String name;
  private final Layer layer;
  private final long in;
  private final long out;
  private final boolean bias;
  private final UnaryOperator<Tensor> activation;

  DenseOp(String name, Layer layer, boolean bias, UnaryOperator<Tensor> activation) {
    this.name = name;
    this.layer = layer;
    long[] w = layer.getParam("W").shape();
    this.in = w[0];
    this.out = w[1];
    this.bias = bias;
    this.activation = activation;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor w = pass.param(name, "W", layer.getParam("W"), out, in);
    TensorOptional b = bias ? new TensorOptional(pass.param(name, "b", layer.getParam("b"), out)) : new TensorOptional();
    return activation.apply(torch.linear(inputs.get(0), w, b));
  }

  long out() {
    return out;
  }
}
