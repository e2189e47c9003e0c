package io.convoy.torch;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's OutputLayer with softmax and MCXENT: {@link #apply} gives the logits (DL4J's weights
 * [in, out] in F order are torch's [out, in]); {@link #loss} the mean over examples of
 * -sum(labels x per-class weight x log softmax), DL4J's score without regularization.
 */
final class OutputOp implements TorchOp {
  private final String name;
  private final Layer layer;
  private final long in;
  private final long out;
  private final boolean bias;
  /** LossMCXENT's per-class weights, [1, classes], or null. */
  private final INDArray classWeights;

  OutputOp(String name, Layer layer, boolean bias, INDArray classWeights) {
    this.name = name;
    this.layer = layer;
    long[] w = layer.getParam("W").shape();
    this.in = w[0];
    this.out = w[1];
    this.bias = bias;
    this.classWeights = classWeights == null ? null : classWeights.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor w = pass.param(name, "W", layer.getParam("W"), out, in);
    TensorOptional b = bias ? new TensorOptional(pass.param(name, "b", layer.getParam("b"), out)) : new TensorOptional();
    return torch.linear(inputs.get(0), w, b);
  }

  long classes() {
    return out;
  }

  /** The mean loss of {@code logits} against {@code labels} ([n, classes] probabilities). */
  Tensor loss(Tensor logits, Tensor labels) {
    Tensor weighted = labels.mul(torch.log_softmax(logits, 1));
    if (classWeights != null) {
      weighted = weighted.mul(TorchViews.of(classWeights, out));
    }
    return weighted.sum(new long[] {1}, false, new ScalarTypeOptional()).mean().mul(new Scalar(-1.0));
  }
}
