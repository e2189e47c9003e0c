package io.convoy.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * LeNet-5 in the shape of LeCun et al. (1998): 5x5 convolutions with 6 and 16 maps, each
 * followed by 2x2 pooling, then 120 and 84 units and the classifier. C3 is fully connected to
 * S2 (the paper's sparse connection table is not reproduced) and C5 is a dense layer, which is
 * the same thing on the 5x5 maps of a 32x32 input: 61,706 parameters at 32x32x1 and 10 classes.
 * Activation and pooling type follow the configuration (the paper used scaled tanh and
 * trainable average subsampling).
 */
final class LeNet5 implements Architecture {
  @Override
  public String name() {
    return "lenet5";
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 16; // 16 -conv5-> 12 -pool-> 6 -conv5-> 2 -pool-> 1
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    return new StackBlocks(base, knobs)
        .conv(6, 5, 1, 0).pool(2, 2, 0)
        .conv(16, 5, 1, 0).pool(2, 2, 0)
        .dense(120, 0)
        .dense(84, 0)
        .output(classes, input);
  }
}
