package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * GoogLeNet / Inception v1 (Szegedy et al. 2015, Table 1) as a ComputationGraph: the 7x7/2 stem,
 * LRN, 1x1 and 3x3 convs, LRN, nine Inception modules (1x1; 1x1 reduce + 3x3; 1x1 reduce + 5x5;
 * 3x3 max pooling + 1x1 projection; concatenated), 3x3/2 max pooling between the groups, global
 * average pooling, dropout (0.4 by default) and the classifier. With batch norm on, every conv is
 * batch-normalized and the LRNs are left out (as in Inception-BN). Max poolings use padding 1 so
 * that 224 gives the paper's 56, 28, 14, 7. Without auxiliary classifiers: 6,998,552 parameters at
 * 224x224x3 and 1000 classes (the paper's network, biases included).
 *
 * <p>The optional auxiliary classifiers (after 4a and 4d): 5x5/3 average pooling, 1x1 conv with
 * 128 maps, 1024 units, dropout 0.7 and a classifier whose loss counts 0.3. They are further
 * outputs of the graph, trained on the same labels and ignored by prediction.
 */
final class GoogLeNet implements Architecture {
  /** #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj of each module (Table 1). */
  private static final int[][] MODULES = {
      {64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64},
      {192, 96, 208, 16, 48, 64}, {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64},
      {112, 144, 288, 32, 64, 64}, {256, 160, 320, 32, 128, 128},
      {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};
  private static final String[] NAMES = {"3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b"};

  @Override
  public String name() {
    return "googlenet";
  }

  @Override
  public int minInputSize(Knobs knobs) {
    // The auxiliary 5x5 pooling needs 5x5 maps at 4a, which sees the input reduced 16 times.
    return knobs.auxClassifiers() ? 65 : 1;
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("input");
    GraphBlocks b = new GraphBlocks(g, knobs);
    boolean lrn = !knobs.batchNorm();
    String x = b.conv("conv1", "input", 64, 7, 2, 3);
    x = b.pool("pool1", x, PoolingType.MAX, 3, 2, 1);
    x = lrn ? b.lrn("norm1", x) : x;
    x = b.conv("conv2_reduce", x, 64, 1, 1, 0);
    x = b.conv("conv2", x, 192, 3, 1, 1);
    x = lrn ? b.lrn("norm2", x) : x;
    x = b.pool("pool2", x, PoolingType.MAX, 3, 2, 1);
    for (int i = 0; i < MODULES.length; i++) {
      if (NAMES[i].equals("4a") || NAMES[i].equals("5a")) {
        x = b.pool("pool" + NAMES[i].charAt(0), x, PoolingType.MAX, 3, 2, 1);
      }
      x = inception(b, "inception" + NAMES[i], x, MODULES[i]);
      if (knobs.auxClassifiers() && (NAMES[i].equals("4a") || NAMES[i].equals("4d"))) {
        auxiliary(b, NAMES[i].equals("4a") ? "aux1" : "aux2", x, classes);
      }
    }
    x = b.globalAvgPool("avgpool", x);
    b.output("output", x, classes, 1, knobs.dropout());
    g.setOutputs(knobs.auxClassifiers() ? new String[] {"output", "aux1", "aux2"} : new String[] {"output"});
    return new NetworkConfig.Graph(g
        .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()))
        .build());
  }

  /** One Inception module; {@code f} = #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj. */
  static String inception(GraphBlocks b, String name, String in, int[] f) {
    String b1 = b.conv(name + "_1x1", in, f[0], 1, 1, 0);
    String b2 = b.conv(name + "_3x3", b.conv(name + "_3x3_reduce", in, f[1], 1, 1, 0), f[2], 3, 1, 1);
    String b3 = b.conv(name + "_5x5", b.conv(name + "_5x5_reduce", in, f[3], 1, 1, 0), f[4], 5, 1, 2);
    String b4 = b.conv(name + "_pool_proj", b.pool(name + "_pool", in, PoolingType.MAX, 3, 1, 1), f[5], 1, 1, 0);
    return b.concat(name, b1, b2, b3, b4);
  }

  private static void auxiliary(GraphBlocks b, String name, String in, int classes) {
    String x = b.pool(name + "_pool", in, PoolingType.AVG, 5, 3, 0);
    x = b.conv(name + "_conv", x, 128, 1, 1, 0);
    x = b.dense(name + "_fc", x, 1024, 0);
    b.output(name, x, classes, 0.3, 0.7);
  }
}
