package io.convoy.bench.step;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.graph.vertex.impl.ScaleVertex;

/**
 * The layer types the step's time is reported by. They follow DL4J's layer boundaries, which
 * bench/pytorch_step.py reproduces so that both tables line up: a conv without batch norm
 * carries its activation ({@link #CONV}), a dense layer its activation and its input's dropout,
 * and {@link #OUTPUT} is the classifier with its softmax and the cross-entropy loss.
 */
public enum LayerKind {
  CONV("conv"),
  BATCHNORM("batchnorm"),
  ACTIVATION("activation"),
  POOLING("pooling"),
  LRN("lrn"),
  DENSE("dense"),
  /** Graph vertices that combine or rescale inputs: residual additions, concatenations, scalings. */
  MERGE("add/merge"),
  OUTPUT("output"),
  /** The optimizer step: updater (momentum, weight decay) and the parameter subtraction. */
  UPDATE("update"),
  OTHER("other");

  private final String label;

  LayerKind(String label) {
    this.label = label;
  }

  /** The name in tables and JSON, e.g. "add/merge". */
  public String label() {
    return label;
  }

  /** The kind of a layer, from its configuration. */
  public static LayerKind of(org.deeplearning4j.nn.conf.layers.Layer conf) {
    if (conf instanceof ConvolutionLayer) {
      return CONV;
    }
    if (conf instanceof BatchNormalization) {
      return BATCHNORM;
    }
    if (conf instanceof ActivationLayer) {
      return ACTIVATION;
    }
    if (conf instanceof SubsamplingLayer || conf instanceof GlobalPoolingLayer) {
      return POOLING;
    }
    if (conf instanceof LocalResponseNormalization) {
      return LRN;
    }
    if (conf instanceof BaseOutputLayer) {
      return OUTPUT; // before DenseLayer: both are feed-forward layers, the output one has the loss
    }
    if (conf instanceof DenseLayer) {
      return DENSE;
    }
    return OTHER;
  }

  /** The kind of a graph vertex: its layer's, or {@link #MERGE} for the combining vertices. */
  public static LayerKind of(GraphVertex vertex) {
    if (vertex.hasLayer()) {
      return of(vertex.getLayer().conf().getLayer());
    }
    if (vertex instanceof ElementWiseVertex || vertex instanceof MergeVertex || vertex instanceof ScaleVertex) {
      return MERGE;
    }
    return OTHER;
  }
}
