package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's OutputLayer with softmax and MCXENT: {@link #apply} gives the logits (a {@link DenseOp}
 * without activation); {@link #loss} the mean over examples of -sum(labels x per-class weight x
 * log softmax), DL4J's score without regularization.
 */
public final class OutputOp implements TorchOp {
  private final DenseOp linear;
  /** LossMCXENT's per-class weights, [1, classes], or null. */
  private final INDArray classWeights;

  OutputOp(String name, Layer layer, boolean bias, INDArray classWeights) {
    this.linear = new DenseOp(name, layer, bias, x -> x);
    this.classWeights = classWeights == null ? null : classWeights.castTo(DataType.FLOAT).dup('c');
  }

  /** The output layer {@code op} computes (with or without dropout on its input), or null. */
  public static OutputOp in(TorchOp op) {
    if (op instanceof DropoutOp d) {
      op = d.layer();
    }
    return op instanceof OutputOp o ? o : null;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    return linear.apply(inputs, pass);
  }

  public long classes() {
    return linear.out();
  }

  /** The mean loss of {@code logits} against {@code labels} ([n, classes] probabilities). */
  public Tensor loss(Tensor logits, Tensor labels) {
    Tensor weighted = labels.mul(torch.log_softmax(logits, 1));
    if (classWeights != null) {
      weighted = weighted.mul(TorchViews.of(classWeights, classes()));
    }
    return weighted.sum(new long[] {1}, false, new ScalarTypeOptional()).mean().mul(new Scalar(-1.0));
  }
}
