package io.convoy.torch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J ComputationGraph (one input, one softmax output) replayed with libtorch's functional ops,
 * vertex by vertex in the graph's topological order, over views of the network's own parameters:
 * whatever DL4J's updater does to them, the next pass sees.
 */
public final class TorchGraph {
  private record Node(String name, List<String> inputs, TorchOp op) {}

  private final ComputationGraph graph;
  private final String input;
  private final String output;
  private final List<Node> nodes = new ArrayList<>();
  private final OutputOp outputOp;

  private TorchGraph(String arch, ComputationGraph graph) {
    this.graph = graph;
    ComputationGraphConfiguration conf = graph.getConfiguration();
    if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
      throw Unsupported.of(arch, String.join(", ", conf.getNetworkOutputs()),
          "one of " + conf.getNetworkOutputs().size() + " outputs (one input, one output only)");
    }
    this.input = conf.getNetworkInputs().get(0);
    this.output = conf.getNetworkOutputs().get(0);
    VertexOps ops = new VertexOps(arch);
    for (String name : conf.getTopologicalOrderStr()) {
      if (name.equals(input)) {
        continue;
      }
      var runtime = graph.getVertex(name);
      TorchOp op = ops.of(name, conf.getVertices().get(name), runtime.hasLayer() ? runtime.getLayer() : null);
      nodes.add(new Node(name, conf.getVertexInputs().get(name), op));
    }
    if (!(nodes.get(nodes.size() - 1).op() instanceof OutputOp o) || !nodes.get(nodes.size() - 1).name().equals(output)) {
      throw Unsupported.of(arch, output, "not a softmax cross-entropy output layer at the end");
    }
    this.outputOp = o;
  }

  /**
   * The libtorch replay of {@code graph}.
   *
   * @throws io.convoy.conf.ConfigException naming {@code arch} and the first vertex it cannot replay exactly
   */
  public static TorchGraph of(String arch, ComputationGraph graph) {
    return new TorchGraph(arch, graph);
  }

  /** The DL4J network it replays. */
  public ComputationGraph graph() {
    return graph;
  }

  /** The output layer's logits in training mode (batch statistics); records parameters in {@code pass}. */
  Tensor logits(Tensor features, Pass pass) {
    return values(features, pass).get(output);
  }

  /** Every vertex's output in training mode, by vertex name. */
  Map<String, Tensor> values(Tensor features, Pass pass) {
    Map<String, Tensor> values = new HashMap<>();
    values.put(input, features);
    for (Node n : nodes) {
      List<Tensor> in = new ArrayList<>(n.inputs().size());
      for (String i : n.inputs()) {
        in.add(values.get(i));
      }
      values.put(n.name(), n.op().apply(in, pass));
    }
    return values;
  }

  /** The mean loss of {@code logits} against {@code labels}, DL4J's score without regularization. */
  Tensor loss(Tensor logits, Tensor labels) {
    return outputOp.loss(logits, labels);
  }

  /**
   * The class probabilities of a forward pass in training mode, as DL4J's
   * {@code output(true, features)} gives them; changes nothing.
   */
  public INDArray outputTraining(INDArray features) {
    INDArray x = features.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
    try (PointerScope scope = new PointerScope()) {
      Tensor probs = torch.softmax(logits(TorchViews.of(x), new Pass(null)), 1).contiguous();
      INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.size(0), outputOp.classes());
      TorchViews.of(out).copy_(probs);
      return out;
    }
  }
}
