package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import io.convoy.model.Replica;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * ResNet v1 (He et al. 2016) as a ComputationGraph.
 *
 * <p>ImageNet variants (resnet18, 34 with basic blocks; resnet50, 101 with bottlenecks, stride on
 * the 3x3 conv as torchvision does): a 7x7/2 stem and 3x3/2 max pooling, four stages of 64, 128,
 * 256, 512 (x4 for bottlenecks) maps, projection shortcuts (1x1 conv + batch norm, option B)
 * where the shape changes, global average pooling and the classifier. Convs carry no bias
 * (batch norm follows each), so the parameter count matches torchvision's when batch norm
 * counts gamma and beta only: resnet18 11,689,512 and resnet50 25,557,032 at 224x224x3 and
 * 1000 classes. DL4J also stores each batch norm's running mean and variance among the
 * parameters: {@link Replica#numParameters()} is larger by two per batch-normalized channel.
 *
 * <p>CIFAR variants (resnet20, 32, 56; section 4.2 of the paper): a 3x3 stem with 16 maps, three
 * stages of n = (depth - 2) / 6 basic blocks with 16, 32, 64 maps, and the paper's parameter-free
 * option A shortcuts where the shape changes: subsample by 2 and pad the channels with zeros.
 */
final class ResNet implements Architecture {
  private final String name;
  private final boolean bottleneck;
  private final boolean cifar;
  private final int[] blocks;

  private ResNet(String name, boolean bottleneck, boolean cifar, int... blocks) {
    this.name = name;
    this.bottleneck = bottleneck;
    this.cifar = cifar;
    this.blocks = blocks;
  }

  static ResNet resnet18() {
    return new ResNet("resnet18", false, false, 2, 2, 2, 2);
  }

  static ResNet resnet34() {
    return new ResNet("resnet34", false, false, 3, 4, 6, 3);
  }

  static ResNet resnet50() {
    return new ResNet("resnet50", true, false, 3, 4, 6, 3);
  }

  static ResNet resnet101() {
    return new ResNet("resnet101", true, false, 3, 4, 23, 3);
  }

  /** The CIFAR ResNet of {@code depth} = 6n + 2 layers. */
  static ResNet cifar(int depth) {
    int n = (depth - 2) / 6;
    return new ResNet("resnet" + depth, false, true, n, n, n);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 1; // every conv and pooling is padded so that it keeps at least one pixel
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("input");
    GraphBlocks b = new GraphBlocks(g, knobs);
    String x;
    int channels;
    if (cifar) {
      x = b.conv("stem", "input", 16, 3, 1, 1);
      channels = 16;
    } else {
      x = b.conv("stem", "input", 64, 7, 2, 3);
      x = b.pool("stem_pool", x, PoolingType.MAX, 3, 2, 1);
      channels = 64;
    }
    for (int stage = 0; stage < blocks.length; stage++) {
      int width = (cifar ? 16 : 64) << stage;
      for (int i = 0; i < blocks[stage]; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        String id = "stage" + (stage + 1) + "_block" + (i + 1);
        if (bottleneck) {
          x = bottleneck(b, id, x, channels, width, stride);
          channels = 4 * width;
        } else {
          x = basic(b, id, x, channels, width, stride, cifar);
          channels = width;
        }
      }
    }
    x = b.globalAvgPool("avgpool", x);
    b.output("output", x, classes, 1, knobs.dropout());
    return new NetworkConfig.Graph(g.setOutputs("output")
        .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()))
        .build());
  }

  /**
   * Two 3x3 convs and a shortcut, summed, then activated. The shortcut is the input itself,
   * or where the shape changes a projection (1x1 conv + BN) or, with {@code zeroPad}, the input
   * subsampled and padded with zero channels (requires {@code out = 2 * in}).
   */
  static String basic(GraphBlocks b, String name, String in, int inChannels, int out, int stride, boolean zeroPad) {
    String x = b.conv(name + "_a", in, out, 3, stride, 1);
    x = b.conv(name + "_b", x, out, 3, 1, 1, true, false);
    return b.activation(name + "_out", b.add(name + "_add", x,
        shortcut(b, name, in, inChannels, out, stride, zeroPad)));
  }

  /** 1x1 reduce to {@code width}, 3x3 (carrying the stride), 1x1 expand to 4 x width, plus shortcut. */
  static String bottleneck(GraphBlocks b, String name, String in, int inChannels, int width, int stride) {
    String x = b.conv(name + "_a", in, width, 1, 1, 0);
    x = b.conv(name + "_b", x, width, 3, stride, 1);
    x = b.conv(name + "_c", x, 4 * width, 1, 1, 0, true, false);
    return b.activation(name + "_out", b.add(name + "_add", x,
        shortcut(b, name, in, inChannels, 4 * width, stride, false)));
  }

  private static String shortcut(GraphBlocks b, String name, String in, int inChannels, int out, int stride,
      boolean zeroPad) {
    if (stride == 1 && inChannels == out) {
      return in;
    }
    if (!zeroPad) {
      return b.conv(name + "_proj", in, out, 1, stride, 0, true, false);
    }
    if (out != 2 * inChannels) {
      throw new IllegalArgumentException("zero-padding shortcut doubles channels, asked " + inChannels + " -> " + out);
    }
    // A 1x1 pooling with stride s picks every s-th pixel: the paper's subsampling, computed
    // with the same (W - 1) / s + 1 as the 3x3/s pad-1 conv beside it, for odd sizes too.
    String sub = b.pool(name + "_subsample", in, PoolingType.MAX, 1, stride, 0);
    return b.concat(name + "_zeropad", sub, b.scale(name + "_zeros", sub, 0));
  }
}
