package io.convoy.torch;

import io.convoy.model.GradientEngine;
import io.convoy.torch.ops.Pass;
import io.convoy.torch.ops.TorchViews;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's training pass of a network, computed by libtorch ({@link TorchNetwork}) and written
 * where DL4J writes its own: each parameter's gradient of the summed loss (libtorch's gradient of
 * the mean loss times the batch size; DL4J's updater divides by it) into DL4J's per-variable
 * gradient views, batch norm's running-statistics updates beside them (see {@link io.convoy.torch.ops.BatchNormOp}).
 * Every native temporary of a step lives in the step's PointerScope: left to the garbage
 * collector, they made a step 3-5x slower (page faults on fresh memory).
 */
public final class TorchGradientEngine implements GradientEngine {
  private final TorchNetwork network;

  public TorchGradientEngine(TorchNetwork network) {
    this.network = network;
  }

  @Override
  public double computeGradientAndScore(INDArray features, INDArray labels) {
    Gradient gradient = network.dl4jGradient();
    if (gradient == null) {
      throw new IllegalStateException("DL4J's gradient views are not laid out yet (no DL4J backward pass ran)");
    }
    TorchThreads.follow();
    INDArray x = dense(features);
    INDArray y = dense(labels);
    double loss;
    try (PointerScope scope = new PointerScope()) {
      Pass pass = new Pass(gradient);
      Tensor mean = network.loss(network.logits(TorchViews.of(x), pass), TorchViews.of(y));
      List<Tensor> leaves = pass.leaves();
      TensorVector grads = torch.grad(new TensorVector(mean), new TensorVector(leaves.toArray(new Tensor[0])));
      Scalar n = new Scalar((double) x.size(0));
      for (int i = 0; i < leaves.size(); i++) {
        pass.target(i).copy_(grads.get(i)).mul_(n);
      }
      loss = mean.item_double();
    }
    return loss + network.regularizationScore();
  }

  @Override
  public INDArray output(INDArray features) {
    TorchThreads.follow();
    return network.output(features);
  }

  /** {@code a} itself where libtorch can read it in place, else a dense float copy kept for the step. */
  private static INDArray dense(INDArray a) {
    boolean ok = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && TorchViews.dense(a);
    return ok ? a : a.castTo(DataType.FLOAT).dup('c');
  }
}
