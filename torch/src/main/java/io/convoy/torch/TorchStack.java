package io.convoy.torch;

import io.convoy.torch.ops.LayerOps;
import io.convoy.torch.ops.OutputOp;
import io.convoy.torch.ops.Pass;
import io.convoy.torch.ops.TorchNatives;
import io.convoy.torch.ops.TorchOp;
import io.convoy.torch.ops.Unsupported;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A DL4J MultiLayerNetwork replayed layer by layer, each layer's input preprocessor (DL4J's
 * flattening between convolutions and dense layers) first. DL4J names a stack's variables by the
 * layer's index ("0_W", "3_b"), which is each layer's name here.
 */
public final class TorchStack implements TorchNetwork {
  private final MultiLayerNetwork stack;
  private final List<TorchOp> ops = new ArrayList<>();
  private final OutputOp outputOp;

  private TorchStack(String arch, MultiLayerNetwork stack) {
    this.stack = stack;
    MultiLayerConfiguration conf = stack.getLayerWiseConfigurations();
    int n = conf.getConfs().size();
    LayerOps layers = new LayerOps(arch, conf.getConf(0).getSeed());
    for (int i = 0; i < n; i++) {
      String where = "layer " + i + " (" + conf.getConf(i).getLayer().getClass().getSimpleName() + ")";
      TorchOp pre = layers.preprocessor(where, conf.getInputPreProcess(i));
      if (pre != null) {
        ops.add(pre);
      }
      ops.add(layers.of(String.valueOf(i), where, conf.getConf(i).getLayer(), stack.getLayer(i)));
    }
    this.outputOp = OutputOp.in(ops.get(ops.size() - 1));
    if (outputOp == null) {
      throw Unsupported.of(arch, "layer " + (n - 1), "not a softmax cross-entropy output layer");
    }
  }

  /**
   * The libtorch replay of {@code stack}.
   *
   * @throws io.convoy.conf.ConfigException naming {@code arch} and the first layer it cannot replay exactly
   */
  public static TorchStack of(String arch, MultiLayerNetwork stack) {
    TorchNatives.load(); // before anything touches the presets: see TorchNatives
    return new TorchStack(arch, stack);
  }

  @Override
  public Gradient dl4jGradient() {
    return stack.gradient();
  }

  @Override
  public double regularizationScore() {
    return stack.calcRegularizationScore(true);
  }

  @Override
  public Tensor logits(Tensor features, Pass pass) {
    Tensor x = features;
    for (TorchOp op : ops) {
      x = op.apply(List.of(x), pass);
    }
    return x;
  }

  @Override
  public Tensor loss(Tensor logits, Tensor labels) {
    return outputOp.loss(logits, labels);
  }

  @Override
  public long classes() {
    return outputOp.classes();
  }
}
