package io.convoy.model.zoo;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.WeightInitConfig;
import io.convoy.conf.names.LossName;
import io.convoy.conf.names.PoolingName;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The layer knobs of {@link ModelConfig} turned into DL4J objects, with "auto" resolved for one
 * architecture. Architectures read their choices from here, never from the configuration.
 */
final class Knobs {
  private final ModelConfig config;
  private final boolean batchNorm;
  private final double dropout;
  private final PoolingType pooling;

  Knobs(ModelConfig config, boolean defaultBatchNorm, double defaultDropout) {
    this.config = config;
    this.batchNorm = config.batchNorm() == null ? defaultBatchNorm : config.batchNorm();
    this.dropout = config.dropout() == null ? defaultDropout : config.dropout();
    this.pooling = config.pooling() == PoolingName.AVG ? PoolingType.AVG : PoolingType.MAX;
  }

  /** A fresh hidden-layer activation (DL4J activations are objects that layers own). */
  IActivation activation() {
    return switch (config.activation()) {
      case RELU -> Activation.RELU.getActivationFunction();
      case LEAKYRELU -> new ActivationLReLU(config.leakyReluAlpha());
      case ELU -> Activation.ELU.getActivationFunction();
      case SOFTPLUS -> Activation.SOFTPLUS.getActivationFunction();
      case SOFTSIGN -> Activation.SOFTSIGN.getActivationFunction();
      case TANH -> Activation.TANH.getActivationFunction();
      case SIGMOID -> Activation.SIGMOID.getActivationFunction();
    };
  }

  IWeightInit weightInit() {
    WeightInitConfig w = config.weightInit();
    return switch (w.name()) {
      case XAVIER, XAVIER_NORMAL, GLOROT, GLOROT_NORMAL -> WeightInit.XAVIER.getWeightInitFunction();
      case XAVIER_UNIFORM, GLOROT_UNIFORM -> WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
      case HE, HE_NORMAL -> WeightInit.RELU.getWeightInitFunction();
      case HE_UNIFORM -> WeightInit.RELU_UNIFORM.getWeightInitFunction();
      case UNIFORM -> new WeightInitDistribution(new UniformDistribution(-w.range(), w.range()));
      case NORMAL -> new WeightInitDistribution(new NormalDistribution(0, w.sigma()));
    };
  }

  boolean batchNorm() {
    return batchNorm;
  }

  /** Fraction of units dropped before the classifier layers. */
  double dropout() {
    return dropout;
  }

  /** Pooling where the architecture leaves it open: max unless configured avg. */
  PoolingType pooling() {
    return pooling;
  }

  boolean auxClassifiers() {
    return config.auxClassifiers();
  }

  /**
   * The classifier layer: softmax with cross-entropy, or sigmoids with binary cross-entropy.
   * {@code weight} scales the loss (googlenet's auxiliary classifiers count 0.3); the layer's
   * input is dropped at {@code dropout}.
   */
  OutputLayer.Builder output(int classes, double weight, double dropout) {
    boolean softmax = config.loss() == LossName.SOFTMAX_CROSS_ENTROPY;
    ILossFunction loss;
    if (weight == 1) {
      loss = softmax ? new LossMCXENT() : new LossBinaryXENT();
    } else {
      var weights = Nd4j.valueArrayOf(new long[] {1, classes}, weight);
      loss = softmax ? new LossMCXENT(weights) : new LossBinaryXENT(weights);
    }
    OutputLayer.Builder b = new OutputLayer.Builder(loss).nOut(classes)
        .activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID);
    if (dropout > 0) {
      b.dropOut(1 - dropout); // DL4J takes the probability of keeping an input
    }
    return b;
  }
}
