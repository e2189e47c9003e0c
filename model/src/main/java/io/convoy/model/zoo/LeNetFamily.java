package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * The LeNets: two 5x5 convolutions, each followed by 2x2 pooling, dense layers, the classifier.
 * Both members accept inputs from 16x16 (16 -conv5-> 12 -pool-> 6 -conv5-> 2 -pool-> 1).
 *
 * <ul>
 *   <li>{@link #LENET} as in the DL4J MNIST example: 20 and 50 maps with linear convolutions, 500
 *       units with the configured activation; 431,080 parameters at 28x28x1 and 10 classes.
 *   <li>{@link #LENET5} in the shape of LeCun et al. (1998): 6 and 16 maps, then 120 and 84 units.
 *       C3 is fully connected to S2 (the paper's sparse connection table is not reproduced) and C5
 *       is a dense layer, which is the same thing on the 5x5 maps of a 32x32 input: 61,706
 *       parameters at 32x32x1 and 10 classes. Activation and pooling type follow the configuration
 *       (the paper used scaled tanh and trainable average subsampling).
 * </ul>
 *
 * @param linearConvolutions whether the convolutions are linear (the DL4J example) rather than
 *     using the configured activation
 */
record LeNetFamily(String name, int firstMaps, int secondMaps, boolean linearConvolutions, int... denseUnits)
    implements Architecture {
  static final LeNetFamily LENET = new LeNetFamily("lenet", 20, 50, true, 500);
  static final LeNetFamily LENET5 = new LeNetFamily("lenet5", 6, 16, false, 120, 84);

  @Override
  public int minInputSize(Knobs knobs) {
    return 16;
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    IActivation convolution = linearConvolutions ? Activation.IDENTITY.getActivationFunction() : knobs.activation();
    StackBlocks blocks = new StackBlocks(base, knobs)
        .conv(firstMaps, 5, 1, 0, convolution).pool(2, 2, 0)
        .conv(secondMaps, 5, 1, 0, convolution).pool(2, 2, 0);
    for (int units : denseUnits) {
      blocks.dense(units, 0);
    }
    return blocks.output(classes, input);
  }
}
