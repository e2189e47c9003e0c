package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * VGG (Simonyan & Zisserman 2015), configurations A (vgg11), B (vgg13), D (vgg16) and E (vgg19):
 * stages of 3x3 "same" convolutions with 64, 128, 256, 512, 512 maps, each stage ending in 2x2
 * pooling, then 4096, 4096 units and the classifier, dropout (0.5 by default) on the inputs of
 * the last two dense layers. Batch norm after every conv is optional. vgg16 has 138,357,544
 * parameters at 224x224x3 and 1000 classes.
 */
final class Vgg implements Architecture {
  private final String name;
  private final int[] convsPerStage;

  private Vgg(String name, int... convsPerStage) {
    this.name = name;
    this.convsPerStage = convsPerStage;
  }

  static Vgg vgg11() {
    return new Vgg("vgg11", 1, 1, 2, 2, 2);
  }

  static Vgg vgg13() {
    return new Vgg("vgg13", 2, 2, 2, 2, 2);
  }

  static Vgg vgg16() {
    return new Vgg("vgg16", 2, 2, 3, 3, 3);
  }

  static Vgg vgg19() {
    return new Vgg("vgg19", 2, 2, 4, 4, 4);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 32; // five 2x2/2 poolings
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    int[] widths = {64, 128, 256, 512, 512};
    StackBlocks s = new StackBlocks(base, knobs);
    for (int stage = 0; stage < widths.length; stage++) {
      for (int i = 0; i < convsPerStage[stage]; i++) {
        s.conv(widths[stage], 3, 1, 1);
      }
      s.pool(2, 2, 0);
    }
    return s.dense(4096, 0).dense(4096, knobs.dropout()).output(classes, input);
  }
}
