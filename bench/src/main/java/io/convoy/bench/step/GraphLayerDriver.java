package io.convoy.bench.step;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link LayerDriver} for a graph, as ComputationGraph runs it: every vertex but the input, layer
 * or not (residual additions, concatenations), forward in topological order, then backward in
 * the reverse order, the gradients of a vertex that feeds several others summed.
 */
final class GraphLayerDriver implements LayerDriver {
  private final ComputationGraph net;
  private final GraphVertex[] vertices;
  /** Indices into {@link #vertices} of the timed vertices, in topological order. */
  private final int[] order;
  private final List<Unit> units = new ArrayList<>();

  GraphLayerDriver(ComputationGraph net) {
    if (net.getConfiguration().getNetworkInputs().size() != 1) {
      throw new IllegalArgumentException("graphs with one input only, found " + net.getConfiguration().getNetworkInputs());
    }
    this.net = net;
    this.vertices = net.getVertices();
    List<Integer> timed = new ArrayList<>();
    for (int i : net.topologicalSortOrder()) {
      GraphVertex v = vertices[i];
      if (v.isInputVertex()) {
        continue;
      }
      timed.add(i);
      String type = v.hasLayer() ? v.getLayer().conf().getLayer().getClass().getSimpleName()
          : v.getClass().getSimpleName();
      units.add(new Unit(v.getVertexName(), type, LayerKind.of(v)));
    }
    this.order = timed.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public List<Unit> units() {
    return units;
  }

  @Override
  public long pass(INDArray features, INDArray labels, long[] forwardNs, long[] backwardNs) {
    if (net.gradient() == null) {
      throw new IllegalStateException("run a training step first: the updater needs the network's gradient views");
    }
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    mgr.setHelperWorkspacePointers(net.getHelperWorkspaces());
    for (int i : net.topologicalSortOrder()) {
      if (vertices[i].isInputVertex()) {
        feed(vertices[i], features, mgr);
      }
    }
    for (int u = 0; u < order.length; u++) {
      GraphVertex v = vertices[order[u]];
      long start = System.nanoTime();
      INDArray out = v.doForward(true, mgr);
      if (v.isOutputVertex() && v.getLayer() instanceof IOutputLayer output) {
        output.setLabels(labels);
        output.computeScore(0, true, mgr);
      }
      feed(v, out, mgr);
      forwardNs[u] = System.nanoTime() - start;
    }
    INDArray[] epsilons = new INDArray[vertices.length];
    for (int u = order.length - 1; u >= 0; u--) {
      GraphVertex v = vertices[order[u]];
      long start = System.nanoTime();
      if (!(v.isOutputVertex() && v.getLayer() instanceof IOutputLayer)) {
        v.setEpsilon(epsilons[order[u]]);
        epsilons[order[u]] = null; // consumed: let its memory go, as DL4J's own backward pass does
      }
      INDArray[] toInputs = v.doBackward(false, mgr).getSecond();
      VertexIndices[] inputs = v.getInputVertices();
      for (int j = 0; j < inputs.length; j++) {
        int from = inputs[j].getVertexIndex();
        // A new array, not addi: a vertex may hand the same epsilon array to several inputs.
        epsilons[from] = epsilons[from] == null ? toInputs[j] : epsilons[from].add(toInputs[j]);
      }
      backwardNs[u] = System.nanoTime() - start;
    }
    long start = System.nanoTime();
    // The gradient object of the network's last step holds views of the arrays the layers just wrote.
    net.getUpdater(true).update(net.gradient(), net.getIterationCount(), net.getEpochCount(), (int) features.size(0),
        mgr);
    INDArray params = net.params();
    params.subi(net.getGradientsViewArray().reshape(params.shape()));
    long update = System.nanoTime() - start;
    for (GraphVertex v : vertices) {
      v.clear();
    }
    return update;
  }

  /** Hands {@code out} to every vertex that takes {@code v}'s output. */
  private void feed(GraphVertex v, INDArray out, LayerWorkspaceMgr mgr) {
    VertexIndices[] next = v.getOutputVertices();
    if (next == null) {
      return;
    }
    for (VertexIndices n : next) {
      vertices[n.getVertexIndex()].setInput(n.getVertexEdgeNumber(), out, mgr);
    }
  }
}
