package io.convoy.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * {@link Network} over a ComputationGraph (residual and Inception models). One input; the first
 * output is the prediction, any further ones (googlenet's auxiliary classifiers) only add to the
 * training loss and receive the same labels.
 */
final class GraphNetwork extends DelegatingNetwork<ComputationGraph> {
  private final int outputs;

  GraphNetwork(ComputationGraphConfiguration conf) {
    super(new ComputationGraph(conf));
    this.outputs = conf.getNetworkOutputs().size();
  }

  @Override
  public void init(INDArray params) {
    if (params == null) {
      net.init();
    } else {
      net.init(params, false);
    }
  }

  @Override
  String configurationJson() {
    return net.getConfiguration().toJson();
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return net.getUpdater(true);
  }

  @Override
  public List<Trainable> orderedLayers() {
    // The graph flattens parameters in topological order (as its updater walks them).
    GraphVertex[] vertices = net.getVertices();
    List<Trainable> layers = new ArrayList<>();
    for (int i : net.topologicalSortOrder()) {
      if (vertices[i].hasLayer()) {
        layers.add(vertices[i].getLayer());
      }
    }
    return layers;
  }

  @Override
  public void fit(INDArray features, INDArray labels) {
    net.fit(new MultiDataSet(new INDArray[] {features}, labelsForEachOutput(labels)));
  }

  @Override
  public void computeGradientAndScore(INDArray features, INDArray labels) {
    net.setInputs(features);
    net.setLabels(labelsForEachOutput(labels));
    net.computeGradientAndScore();
  }

  @Override
  public void update(int examples) {
    net.getUpdater(true).update(net.gradient(), net.getIterationCount(), net.getEpochCount(), examples,
        LayerWorkspaceMgr.noWorkspaces());
  }

  @Override
  public void clear() {
    net.clear();
  }

  @Override
  public int iteration() {
    return net.getIterationCount();
  }

  @Override
  public void setIteration(int iteration) {
    net.getConfiguration().setIterationCount(iteration);
  }

  @Override
  public int epoch() {
    return net.getEpochCount();
  }

  @Override
  public void setEpoch(int epoch) {
    net.getConfiguration().setEpochCount(epoch);
  }

  @Override
  public INDArray output(INDArray features) {
    return net.output(false, features)[0];
  }

  private INDArray[] labelsForEachOutput(INDArray labels) {
    INDArray[] all = new INDArray[outputs];
    Arrays.fill(all, labels);
    return all;
  }
}
