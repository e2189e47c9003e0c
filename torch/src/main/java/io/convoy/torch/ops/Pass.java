package io.convoy.torch.ops;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pass through the network: in training mode, the parameter tensors it made (leaves of the
 * autograd graph, views of DL4J's parameters), each with the DL4J gradient array its gradient goes
 * to. Made inside the step's PointerScope, so its tensors die with the step. Without a DL4J
 * gradient (a forward pass only) nothing is recorded for backward. An {@link #inference()} pass
 * normalizes with the running statistics and drops nothing, as DL4J's {@code output(false, ...)}.
 */
public final class Pass {
  private final Gradient gradient;
  private final boolean training;
  private final List<Tensor> leaves = new ArrayList<>();
  private final List<INDArray> targets = new ArrayList<>();
  private final List<long[]> shapes = new ArrayList<>();

  /**
   * @param gradient DL4J's per-variable gradient views ("vertex_param" in a graph, "layerIndex_param"
   *     in a stack: {@code layer} below is the vertex's name or the layer's index), or null for
   *     forward only
   */
  public Pass(Gradient gradient) {
    this(gradient, true);
  }

  private Pass(Gradient gradient, boolean training) {
    this.gradient = gradient;
    this.training = training;
  }

  /** A forward pass in inference mode: running statistics, no dropout, nothing recorded. */
  public static Pass inference() {
    return new Pass(null, false);
  }

  /** Whether batch norms normalize with the batch's statistics and dropout drops (DL4J's training mode). */
  boolean training() {
    return training;
  }

  /** A trainable tensor of {@code shape} over {@code param}, DL4J variable {@code layer_key}. */
  Tensor param(String layer, String key, INDArray param, long... shape) {
    Tensor t = TorchViews.of(param, shape);
    if (gradient != null) {
      t.requires_grad_(true);
      leaves.add(t);
      targets.add(target(layer, key));
      shapes.add(shape);
    }
    return t;
  }

  /** The DL4J gradient entries of {@code layer_key} (batch norm's running-statistics updates), or null. */
  Tensor entries(String layer, String key, long... shape) {
    return gradient == null ? null : TorchViews.of(target(layer, key), shape);
  }

  public List<Tensor> leaves() {
    return leaves;
  }

  /** The DL4J gradient of leaf {@code i}, as a tensor of the leaf's shape. */
  public Tensor target(int i) {
    return TorchViews.of(targets.get(i), shapes.get(i));
  }

  private INDArray target(String layer, String key) {
    INDArray g = gradient.getGradientFor(layer + "_" + key);
    if (g == null) {
      throw new IllegalStateException("DL4J's gradient has no " + layer + "_" + key);
    }
    return g;
  }
}
