package io.convoy.torch;

import io.convoy.torch.ops.Pass;
import io.convoy.torch.ops.TorchViews;
import io.convoy.torch.ops.Unsupported;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network (one input, one softmax cross-entropy output) replayed with libtorch's functional
 * ops over views of the network's own parameters: whatever DL4J's updater does to them, the next
 * pass sees. {@link TorchStack} replays a MultiLayerNetwork, {@link TorchGraph} a ComputationGraph.
 */
public sealed interface TorchNetwork permits TorchStack, TorchGraph {
  /**
   * The libtorch replay of {@code network}.
   *
   * @throws io.convoy.conf.ConfigException naming {@code arch} and the first layer or vertex it
   *     cannot replay exactly
   */
  static TorchNetwork of(String arch, NeuralNetwork network) {
    if (network instanceof MultiLayerNetwork stack) {
      return TorchStack.of(arch, stack);
    }
    if (network instanceof ComputationGraph graph) {
      return TorchGraph.of(arch, graph);
    }
    throw Unsupported.of(arch, "the network", "a " + network.getClass().getSimpleName());
  }

  /** DL4J's per-variable gradient views, or null before DL4J's first backward pass laid them out. */
  Gradient dl4jGradient();

  /** DL4J's regularization term of the score (L1, L2, weight decay), from the current parameters. */
  double regularizationScore();

  /** The output layer's logits in training mode (batch statistics); records parameters in {@code pass}. */
  Tensor logits(Tensor features, Pass pass);

  /** The mean loss of {@code logits} against {@code labels}, DL4J's score without regularization. */
  Tensor loss(Tensor logits, Tensor labels);

  long classes();

  /**
   * The class probabilities of a forward pass in training mode, as DL4J's {@code output(true, ...)}
   * gives them; changes no parameter (dropout draws from the network's generator, though).
   */
  default INDArray outputTraining(INDArray features) {
    return probabilities(features, new Pass(null));
  }

  /**
   * The class probabilities of a forward pass in inference mode (running statistics, no dropout),
   * as DL4J's {@code output(false, ...)} gives them.
   */
  default INDArray output(INDArray features) {
    return probabilities(features, Pass.inference());
  }

  private INDArray probabilities(INDArray features, Pass pass) {
    INDArray x = features.castTo(DataType.FLOAT).dup('c');
    try (PointerScope scope = new PointerScope()) {
      Tensor probs = torch.softmax(logits(TorchViews.of(x), pass), 1).contiguous();
      INDArray out = Nd4j.create(DataType.FLOAT, x.size(0), classes());
      TorchViews.of(out).copy_(probs);
      return out;
    }
  }
}
