package io.convoy.model;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link Network} over a MultiLayerNetwork (plain stacks of layers). */
final class StackNetwork extends DelegatingNetwork<MultiLayerNetwork> {

  StackNetwork(MultiLayerConfiguration conf) {
    super(new MultiLayerNetwork(conf));
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
    return net.getLayerWiseConfigurations().toJson();
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return (BaseMultiLayerUpdater<?>) net.getUpdater(true);
  }

  @Override
  public List<Trainable> orderedLayers() {
    return Arrays.asList(net.getLayers());
  }

  @Override
  public void fit(INDArray features, INDArray labels) {
    net.fit(new DataSet(features, labels));
  }

  @Override
  public void computeGradientAndScore(INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
  }

  @Override
  public void update(int examples) {
    net.getUpdater(true).update(net, net.gradient(), net.getIterationCount(), net.getEpochCount(), examples,
        LayerWorkspaceMgr.noWorkspaces());
  }

  @Override
  public void clear() {
    // Not net.clear(): MultiLayerNetwork.clear() also drops its Solver and with it the updater,
    // so the next update would start from a new, zeroed optimizer state (momentum, Adam
    // moments). A replica that computes a gradient and then applies one (gradients mode over the
    // allreduce transport) would lose its momentum every step. Free inputs and activations only,
    // as ComputationGraph.clear() does.
    net.clearLayersStates();
    net.setInput(null);
    net.setLabels(null);
  }

  @Override
  public int iteration() {
    return net.getIterationCount();
  }

  @Override
  public void setIteration(int iteration) {
    net.setIterationCount(iteration);
  }

  @Override
  public int epoch() {
    return net.getEpochCount();
  }

  @Override
  public void setEpoch(int epoch) {
    net.setEpochCount(epoch);
  }

  @Override
  public INDArray output(INDArray features) {
    return net.output(features, false);
  }
}
