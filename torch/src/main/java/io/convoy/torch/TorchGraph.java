package io.convoy.torch;

import io.convoy.torch.ops.LayerOps;
import io.convoy.torch.ops.OutputOp;
import io.convoy.torch.ops.Pass;
import io.convoy.torch.ops.TorchNatives;
import io.convoy.torch.ops.TorchOp;
import io.convoy.torch.ops.Unsupported;
import io.convoy.torch.ops.VertexOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** A DL4J ComputationGraph replayed vertex by vertex in the graph's topological order. */
public final class TorchGraph implements TorchNetwork {
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
      throw Unsupported.of(arch, "vertex '" + String.join("', '", conf.getNetworkOutputs()) + "'",
          "one of " + conf.getNetworkOutputs().size() + " outputs (one input, one output only)");
    }
    this.input = conf.getNetworkInputs().get(0);
    this.output = conf.getNetworkOutputs().get(0);
    VertexOps ops = new VertexOps(arch, new LayerOps(arch, conf.getDefaultConfiguration().getSeed()));
    for (String name : conf.getTopologicalOrderStr()) {
      if (name.equals(input)) {
        continue;
      }
      var runtime = graph.getVertex(name);
      TorchOp op = ops.of(name, conf.getVertices().get(name), runtime.hasLayer() ? runtime.getLayer() : null);
      nodes.add(new Node(name, conf.getVertexInputs().get(name), op));
    }
    Node last = nodes.get(nodes.size() - 1);
    this.outputOp = OutputOp.in(last.op());
    if (outputOp == null || !last.name().equals(output)) {
      throw Unsupported.of(arch, "vertex '" + output + "'", "not a softmax cross-entropy output layer at the end");
    }
  }

  /**
   * The libtorch replay of {@code graph}.
   *
   * @throws io.convoy.conf.ConfigException naming {@code arch} and the first vertex it cannot replay exactly
   */
  public static TorchGraph of(String arch, ComputationGraph graph) {
    TorchNatives.load(); // before anything touches the presets: see TorchNatives
    return new TorchGraph(arch, graph);
  }

  @Override
  public Gradient dl4jGradient() {
    return graph.gradient();
  }

  @Override
  public double regularizationScore() {
    return graph.calcRegularizationScore(true);
  }

  @Override
  public Tensor logits(Tensor features, Pass pass) {
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

  @Override
  public Tensor loss(Tensor logits, Tensor labels) {
    return outputOp.loss(logits, labels);
  }

  @Override
  public long classes() {
    return outputOp.classes();
  }
}
