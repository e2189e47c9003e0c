package io.convoy.model.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds graphs (ComputationGraph) from named blocks. Every method adds vertices under
 * {@code name} and returns the name of the vertex that carries the block's output, so blocks
 * chain as {@code x = conv("c1", x, ...)}.
 */
final class GraphBlocks {
  private final ComputationGraphConfiguration.GraphBuilder g;
  private final Knobs knobs;

  GraphBlocks(ComputationGraphConfiguration.GraphBuilder g, Knobs knobs) {
    this.g = g;
    this.knobs = knobs;
  }

  Knobs knobs() {
    return knobs;
  }

  /** Conv + batch norm (when the knobs say so) + activation. */
  String conv(String name, String in, int nOut, int kernel, int stride, int pad) {
    return conv(name, in, nOut, kernel, stride, pad, knobs.batchNorm(), true);
  }

  /**
   * Conv, then batch norm when {@code bn}, then the configured activation when {@code activate}
   * (residual branches add before activating). Under batch norm the conv has no bias.
   */
  String conv(String name, String in, int nOut, int kernel, int stride, int pad, boolean bn, boolean activate) {
    ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride).padding(pad, pad).nOut(nOut);
    if (!bn) {
      g.addLayer(name, conv.activation(activate ? knobs.activation() : Activation.IDENTITY.getActivationFunction())
          .build(), in);
      return name;
    }
    g.addLayer(name, conv.hasBias(false).activation(Activation.IDENTITY).build(), in);
    g.addLayer(name + "_bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(), name);
    return activate ? activation(name + "_act", name + "_bn") : name + "_bn";
  }

  String activation(String name, String in) {
    g.addLayer(name, new ActivationLayer.Builder().activation(knobs.activation()).build(), in);
    return name;
  }

  String pool(String name, String in, PoolingType type, int kernel, int stride, int pad) {
    g.addLayer(name, new SubsamplingLayer.Builder(type, new int[] {kernel, kernel}, new int[] {stride, stride},
        new int[] {pad, pad}).build(), in);
    return name;
  }

  /** Local response normalization with AlexNet's constants (k = 2, n = 5, alpha = 1e-4, beta = 0.75). */
  String lrn(String name, String in) {
    g.addLayer(name, new LocalResponseNormalization.Builder(2, 5, 1e-4, 0.75).build(), in);
    return name;
  }

  /** Element-wise sum (the residual connection). */
  String add(String name, String a, String b) {
    g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
    return name;
  }

  /** Channel concatenation (Inception's filter concatenation). */
  String concat(String name, String... in) {
    g.addVertex(name, new MergeVertex(), in);
    return name;
  }

  String scale(String name, String in, double factor) {
    g.addVertex(name, new ScaleVertex(factor), in);
    return name;
  }

  /** Average over all spatial positions: C x H x W to C. */
  String globalAvgPool(String name, String in) {
    g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
    return name;
  }

  /** Dense layer with the configured activation; its input dropped at {@code dropout}. */
  String dense(String name, String in, int nOut, double dropout) {
    DenseLayer.Builder dense = new DenseLayer.Builder().nOut(nOut).activation(knobs.activation());
    if (dropout > 0) {
      dense.dropOut(1 - dropout); // DL4J takes the probability of keeping an input
    }
    g.addLayer(name, dense.build(), in);
    return name;
  }

  /** A classifier whose loss counts {@code weight} times; its input dropped at {@code dropout}. */
  String output(String name, String in, int classes, double weight, double dropout) {
    g.addLayer(name, knobs.output(classes, weight, dropout).build(), in);
    return name;
  }
}
