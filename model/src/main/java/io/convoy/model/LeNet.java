package io.convoy.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * LeNet as in the DL4J MNIST example: 5x5 convolutions with 20 and 50 maps (linear, as in the
 * example), 2x2 pooling after each, 500 units with the configured activation, the classifier.
 * 431,080 parameters at 28x28x1 and 10 classes.
 */
final class LeNet implements Architecture {
  @Override
  public String name() {
    return "lenet";
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 16; // 16 -conv5-> 12 -pool-> 6 -conv5-> 2 -pool-> 1
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    return new StackBlocks(base, knobs)
        .conv(20, 5, 1, 0, Activation.IDENTITY.getActivationFunction()).pool(2, 2, 0)
        .conv(50, 5, 1, 0, Activation.IDENTITY.getActivationFunction()).pool(2, 2, 0)
        .dense(500, 0)
        .output(classes, input);
  }
}
