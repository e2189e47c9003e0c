package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A small fast baseline: two 3x3 "same" convolutions (32 and 64 maps) each followed by 2x2
 * pooling, a 128-unit dense layer and the classifier.
 */
final class SimpleCnn implements Architecture {
  @Override
  public String name() {
    return "simple-cnn";
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 1; // "same" convolutions and pooling round up: any size survives
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    return new StackBlocks(base.convolutionMode(ConvolutionMode.Same), knobs)
        .conv(32, 3, 1, 0).pool(2, 2, 0)
        .conv(64, 3, 1, 0).pool(2, 2, 0)
        .dense(128, 0)
        .output(classes, input);
  }
}
