package io.convoy.model;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lays out what DL4J's first backward pass would, without running it: the flattened gradient
 * array, each layer's view of it, and the per-variable {@link Gradient} ("vertex_param" in a graph,
 * "index_param" in a stack) that DL4J's updater walks. A step computed elsewhere (libtorch, or
 * gradients summed over replicas) only writes into the views; DL4J's own pass on a blank example
 * did the same at the cost of a whole training step (tens of seconds for resnet50 at 224x224).
 */
final class GradientLayout {
  private GradientLayout() {}

  /** Lays out {@code net}'s gradient views and sets its Gradient, unless it has one already. */
  static void ensure(NeuralNetwork net) {
    if (net instanceof ComputationGraph g) {
      if (g.gradient() == null) {
        g.setGradient(graph(g));
      }
    } else if (net instanceof MultiLayerNetwork m) {
      if (m.gradient() == null) {
        m.setGradient(stack(m));
      }
    } else {
      throw new IllegalArgumentException("not a DL4J ComputationGraph or MultiLayerNetwork: " + net.getClass());
    }
  }

  private static Gradient graph(ComputationGraph g) {
    if (g.getGradientsViewArray() == null) {
      g.initGradientsView();
    }
    DefaultGradient gradient = new DefaultGradient(g.getGradientsViewArray());
    GraphVertex[] vertices = g.getVertices();
    for (int i : g.topologicalSortOrder()) {
      if (vertices[i].hasLayer()) {
        put(gradient, vertices[i].getVertexName(), vertices[i].getLayer());
      }
    }
    return gradient;
  }

  private static Gradient stack(MultiLayerNetwork m) {
    if (m.getGradientsViewArray() == null) {
      m.initGradientsView();
    }
    DefaultGradient gradient = new DefaultGradient(m.getGradientsViewArray());
    Layer[] layers = m.getLayers();
    for (int i = 0; i < layers.length; i++) {
      put(gradient, String.valueOf(i), layers[i]);
    }
    return gradient;
  }

  private static void put(DefaultGradient gradient, String prefix, Layer layer) {
    INDArray view = layer.getGradientsViewArray();
    if (view == null || view.length() == 0) {
      return;
    }
    Map<String, INDArray> views = layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), view);
    for (Map.Entry<String, INDArray> e : views.entrySet()) {
      gradient.setGradientFor(prefix + "_" + e.getKey(), e.getValue());
    }
  }
}
