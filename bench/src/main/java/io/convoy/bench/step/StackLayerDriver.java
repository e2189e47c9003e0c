package io.convoy.bench.step;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link LayerDriver} for a plain stack, as MultiLayerNetwork runs it: forward through the
 * layers in order (each input preprocessor, e.g. the flattening before a dense layer, counted
 * with the layer it feeds), the loss, then backward from the output layer down.
 */
final class StackLayerDriver implements LayerDriver {
  private final MultiLayerNetwork net;
  private final Layer[] layers;
  private final InputPreProcessor[] preprocessors;
  private final List<Unit> units = new ArrayList<>();

  StackLayerDriver(MultiLayerNetwork net) {
    this.net = net;
    this.layers = net.getLayers();
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    this.preprocessors = new InputPreProcessor[layers.length];
    for (int i = 0; i < layers.length; i++) {
      preprocessors[i] = conf.getInputPreProcess(i);
      var layerConf = layers[i].conf().getLayer();
      units.add(new Unit(layerConf.getLayerName() == null ? String.valueOf(i) : layerConf.getLayerName(),
          layerConf.getClass().getSimpleName(), LayerKind.of(layerConf)));
    }
    if (!(layers[layers.length - 1] instanceof IOutputLayer)) {
      throw new IllegalArgumentException("the last layer is no output layer: " + units.get(layers.length - 1));
    }
  }

  @Override
  public List<Unit> units() {
    return units;
  }

  @Override
  public long pass(INDArray features, INDArray labels, long[] forwardNs, long[] backwardNs) {
    LayerWorkspaceMgr mgr = workspaces();
    int batch = (int) features.size(0);
    net.setInputMiniBatchSize(batch);
    int last = layers.length - 1;
    INDArray x = features;
    for (int i = 0; i <= last; i++) {
      long start = System.nanoTime();
      if (preprocessors[i] != null) {
        x = preprocessors[i].preProcess(x, batch, mgr);
      }
      x = layers[i].activate(x, true, mgr);
      if (i == last) {
        IOutputLayer output = (IOutputLayer) layers[i];
        output.setLabels(labels);
        output.computeScore(0, true, mgr);
      }
      forwardNs[i] = System.nanoTime() - start;
    }
    INDArray epsilon = null; // the output layer starts from its labels
    for (int i = last; i >= 0; i--) {
      long start = System.nanoTime();
      epsilon = layers[i].backpropGradient(epsilon, mgr).getSecond();
      if (preprocessors[i] != null) {
        epsilon = preprocessors[i].backprop(epsilon, batch, mgr);
      }
      backwardNs[i] = System.nanoTime() - start;
    }
    long start = System.nanoTime();
    // The gradient object of the network's last step holds views of the arrays the layers just wrote.
    net.getUpdater(true).update(net, net.gradient(), net.getIterationCount(), net.getEpochCount(), batch, mgr);
    INDArray params = net.params();
    params.subi(net.getGradientsViewArray().reshape(params.shape()));
    long update = System.nanoTime() - start;
    net.clearLayersStates();
    return update;
  }

  /** No workspaces, but the oneDNN helpers' cached buffers, as the network's own step passes them. */
  private LayerWorkspaceMgr workspaces() {
    if (net.gradient() == null) {
      throw new IllegalStateException("run a training step first: the updater needs the network's gradient views");
    }
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    mgr.setHelperWorkspacePointers(net.getHelperWorkspaces());
    return mgr;
  }
}
