package io.convoy.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A DL4J network configuration of either kind: a plain stack (MultiLayerNetwork) or a graph
 * (ComputationGraph, for residual and Inception models). Everything past {@link io.convoy.model.zoo.ModelZoo} sees
 * only this and {@link Network}.
 */
public sealed interface NetworkConfig {
  /** Stores the weight-init seed in every layer configuration; touches no RNG. */
  void setSeed(long seed);

  /** Each layer (in the order it was built) with the type of its output for {@code input}. */
  List<LayerShape> layers(InputType input);

  /** One layer: its name, configuration and output type. */
  record LayerShape(String name, Layer layer, InputType output) {}

  /** A plain stack of layers (MultiLayerNetwork). */
  record Stack(MultiLayerConfiguration conf) implements NetworkConfig {
    @Override
    public void setSeed(long seed) {
      conf.getConfs().forEach(c -> c.setSeed(seed));
    }

    @Override
    public List<LayerShape> layers(InputType input) {
      List<InputType> types = conf.getLayerActivationTypes(input);
      List<NeuralNetConfiguration> confs = conf.getConfs();
      return java.util.stream.IntStream.range(0, confs.size())
          .mapToObj(i -> new LayerShape(String.valueOf(i), confs.get(i).getLayer(), types.get(i)))
          .toList();
    }
  }

  /** A graph of layers and vertices (ComputationGraph). */
  record Graph(ComputationGraphConfiguration conf) implements NetworkConfig {
    @Override
    public void setSeed(long seed) {
      conf.getDefaultConfiguration().setSeed(seed);
      conf.getVertices().values().forEach(v -> {
        if (v instanceof LayerVertex lv) {
          lv.getLayerConf().setSeed(seed);
        }
      });
    }

    @Override
    public List<LayerShape> layers(InputType input) {
      var types = conf.getLayerActivationTypes(input);
      // Vertices keep the order they were added in, inputs before the vertices using them.
      return conf.getVertices().keySet().stream()
          .filter(name -> conf.getVertices().get(name) instanceof LayerVertex)
          .map(name -> new LayerShape(name,
              ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer(), types.get(name)))
          .toList();
    }
  }
}
