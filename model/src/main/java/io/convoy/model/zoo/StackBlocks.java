package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * Builds plain stacks (MultiLayerNetwork) from blocks: conv [+ batch norm] + activation, pooling,
 * LRN, dense and the classifier, so that architectures list blocks instead of DL4J builders.
 */
final class StackBlocks {
  private final NeuralNetConfiguration.ListBuilder list;
  private final Knobs knobs;

  StackBlocks(NeuralNetConfiguration.Builder base, Knobs knobs) {
    this.list = base.list();
    this.knobs = knobs;
  }

  /** Conv with the configured activation, batch-normalized first when batch norm is on. */
  StackBlocks conv(int nOut, int kernel, int stride, int pad) {
    return conv(nOut, kernel, stride, pad, knobs.activation());
  }

  /**
   * Conv, then batch norm (when on) and {@code activation}. The conv has no bias under batch
   * norm: BN's beta does its job, and torchvision counts parameters that way.
   */
  StackBlocks conv(int nOut, int kernel, int stride, int pad, IActivation activation) {
    ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride).padding(pad, pad).nOut(nOut);
    if (knobs.batchNorm()) {
      list.layer(conv.hasBias(false).activation(Activation.IDENTITY).build());
      list.layer(new BatchNormalization.Builder().activation(Activation.IDENTITY).build());
      list.layer(new ActivationLayer.Builder().activation(activation).build());
    } else {
      list.layer(conv.activation(activation).build());
    }
    return this;
  }

  /** Pooling of the configured type (max unless model.pooling = avg). */
  StackBlocks pool(int kernel, int stride, int pad) {
    list.layer(new SubsamplingLayer.Builder(knobs.pooling(), new int[] {kernel, kernel}, new int[] {stride, stride},
        new int[] {pad, pad}).build());
    return this;
  }

  /** AlexNet's local response normalization (k = 2, n = 5, alpha = 1e-4, beta = 0.75). */
  StackBlocks lrn() {
    list.layer(new LocalResponseNormalization.Builder(2, 5, 1e-4, 0.75).build());
    return this;
  }

  /** A dense layer with the configured activation, its input dropped at {@code dropout}. */
  StackBlocks dense(int nOut, double dropout) {
    DenseLayer.Builder dense = new DenseLayer.Builder().nOut(nOut).activation(knobs.activation());
    if (dropout > 0) {
      dense.dropOut(1 - dropout); // DL4J takes the probability of keeping an input
    }
    list.layer(dense.build());
    return this;
  }

  /** The classifier (its input dropped at the configured rate) and the finished configuration. */
  NetworkConfig output(int classes, InputShape input) {
    list.layer(knobs.output(classes, 1, knobs.dropout()).build());
    MultiLayerConfiguration conf = list
        .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
        .build();
    return new NetworkConfig.Stack(conf);
  }
}
