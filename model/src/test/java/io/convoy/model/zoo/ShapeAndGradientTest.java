package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.NetworkConfig;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import io.convoy.model.zoo.ParameterCountTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.ActivationName;
import io.convoy.conf.names.OptimizerName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Output shapes against (W - F + 2P) / S + 1, minimum inputs, and gradient checks of each block. */
class ShapeAndGradientTest {
  private static final OptimizerConfig SGD = new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0);

  @Test
  void everyConvAndPoolingFollowsTheOutputSizeFormulaForOddSizesToo() {
    for (String arch : ModelConfig.ARCHITECTURES) {
      if (arch.equals("simple-cnn")) {
        continue; // "same" convolutions by design: ceil(W / S)
      }
      int size = Math.max(ArchitectureTrainingTest.inputSize(new ModelConfig(arch, 10)), 67) | 1; // odd
      ModelSpec spec = new ModelSpec(arch, new InputShape(size, size + 2, 3), 10, SGD);
      NetworkConfig conf = ModelZoo.configuration(spec, 0);
      var layers = conf.layers(InputType.convolutional(size, size + 2, 3));
      int checked = 0;
      for (int i = 0; i < layers.size(); i++) {
        var l = layers.get(i);
        int[] k;
        int[] s;
        int[] p;
        if (l.layer() instanceof ConvolutionLayer c) {
          k = c.getKernelSize();
          s = c.getStride();
          p = c.getPadding();
        } else if (l.layer() instanceof SubsamplingLayer sub) {
          k = sub.getKernelSize();
          s = sub.getStride();
          p = sub.getPadding();
        } else {
          continue;
        }
        var in = (InputType.InputTypeConvolutional) inputOf(conf, layers, i, size, size + 2);
        var out = (InputType.InputTypeConvolutional) l.output();
        assertEquals((in.getHeight() - k[0] + 2 * p[0]) / s[0] + 1, out.getHeight(), arch + " " + l.name());
        assertEquals((in.getWidth() - k[1] + 2 * p[1]) / s[1] + 1, out.getWidth(), arch + " " + l.name());
        checked++;
      }
      assertTrue(checked >= 2, arch);
    }
  }

  /** Whether a conv or pooling window is larger than its padded input (DL4J does not always notice). */
  private static boolean someWindowDoesNotFit(Architecture a, ModelConfig m, int size) {
    NetworkConfig conf = a.configure(new NeuralNetConfiguration.Builder(), new InputShape(size, size, 3), 3,
        ModelZoo.knobs(a, m));
    List<NetworkConfig.LayerShape> layers = conf.layers(InputType.convolutional(size, size, 3));
    for (int i = 0; i < layers.size(); i++) {
      int[] k;
      int[] p;
      if (layers.get(i).layer() instanceof ConvolutionLayer c) {
        k = c.getKernelSize();
        p = c.getPadding();
      } else if (layers.get(i).layer() instanceof SubsamplingLayer sub) {
        k = sub.getKernelSize();
        p = sub.getPadding();
      } else {
        continue;
      }
      var in = (InputType.InputTypeConvolutional) inputOf(conf, layers, i, size, size);
      if (in.getHeight() + 2L * p[0] < k[0] || in.getWidth() + 2L * p[1] < k[1]) {
        return true;
      }
    }
    return false;
  }

  /** The input type of layer {@code i}: the output of the vertex feeding it (graphs) or of the layer before. */
  private static InputType inputOf(NetworkConfig conf, List<NetworkConfig.LayerShape> layers, int i, int h, int w) {
    if (conf instanceof NetworkConfig.Graph g) {
      String input = g.conf().getVertexInputs().get(layers.get(i).name()).get(0);
      if (input.equals("input")) {
        return InputType.convolutional(h, w, 3);
      }
      return g.conf().getLayerActivationTypes(InputType.convolutional(h, w, 3)).get(input);
    }
    return i == 0 ? InputType.convolutional(h, w, 3) : layers.get(i - 1).output();
  }

  @Test
  void runtimeActivationsMatchThePredictedShapesAtAnOddSize() {
    for (String arch : List.of("lenet5", "resnet20", "googlenet")) {
      ModelSpec spec = new ModelSpec(arch, new InputShape(35, 33, 3), 5, SGD);
      ModelSummary summary = ModelSummary.of(spec);
      NetworkConfig conf = ModelZoo.configuration(spec, 1);
      INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 35, 33);
      Map<String, long[]> actual = new java.util.HashMap<>();
      if (conf instanceof NetworkConfig.Graph g) {
        ComputationGraph net = new ComputationGraph(g.conf());
        net.init();
        net.feedForward(x, false).forEach((k, v) -> actual.put(k, v.shape()));
      } else {
        MultiLayerNetwork net = new MultiLayerNetwork(((NetworkConfig.Stack) conf).conf());
        net.init();
        List<INDArray> acts = net.feedForward(x, false);
        for (int i = 1; i < acts.size(); i++) {
          actual.put(String.valueOf(i - 1), acts.get(i).shape());
        }
      }
      for (ModelSummary.Layer l : summary.layers()) {
        long[] shape = actual.get(l.name());
        String got = shape.length == 4 ? shape[1] + "x" + shape[2] + "x" + shape[3] : String.valueOf(shape[1]);
        assertEquals(l.outputShape(), got, arch + " " + l.name());
      }
    }
  }

  @Test
  void inputsBelowTheMinimumAreConfigErrorsAndTheMinimumWorks() {
    for (String arch : ModelConfig.ARCHITECTURES) {
      if (arch.equals("simple-cnn")) {
        continue; // "same" padding adapts to any size
      }
      ModelConfig m = new ModelConfig(arch, 3);
      Architecture a = ModelZoo.architecture(arch);
      int min = a.minInputSize(ModelZoo.knobs(a, m));
      ModelSummary.of(new ModelSpec(arch, new InputShape(min, min, 3), 3, SGD));
      if (min > 1) {
        ConfigException e = assertThrows(ConfigException.class,
            () -> ModelSummary.of(new ModelSpec(arch, new InputShape(min - 1, min, 3), 3, SGD)));
        assertEquals("data.image-size", e.problems().get(0).key());
        // and the minimum is tight: one pixel less and some window no longer fits its input
        assertTrue(someWindowDoesNotFit(a, m, min - 1), arch + " at " + (min - 1));
      }
      assertTrue(!someWindowDoesNotFit(a, m, min), arch + " at " + min);
    }
    ModelSpec aux = new ModelSpec(new ModelConfig("googlenet", 3).withAuxClassifiers(true), new InputShape(64, 64, 3),
        3, SGD, TrainingPlan.SINGLE);
    assertThrows(ConfigException.class, () -> ModelSummary.of(aux));
  }

  @Test
  void knobsTheArchitectureDoesNotAllowAreConfigErrors() {
    ModelSpec noBn = new ModelSpec(new ModelConfig("resnet18", 3).withBatchNorm(false), new InputShape(32, 32, 3), 3,
        SGD, TrainingPlan.SINGLE);
    assertEquals("model.batch-norm",
        assertThrows(ConfigException.class, () -> Replica.initialize(noBn, 1)).problems().get(0).key());
  }

  @Test
  void lenet5FlopsAreTwiceItsMultiplyAdds() {
    long macs = 6L * 25 * 28 * 28 + 16L * 6 * 25 * 10 * 10 + 400 * 120 + 120 * 84 + 84 * 10;
    assertEquals(2 * macs, ParameterCountTest.summary("lenet5", 32, 1, 10).flops());
    // vgg16's 15.47 GMACs at 224 (convolutions plus the three dense layers)
    assertEquals(15_470_264_320L * 2, ParameterCountTest.summary("vgg16", 224, 3, 1000).flops());
  }

  // ---- gradient checks, double precision, dropout off ----

  @org.junit.jupiter.api.BeforeEach
  void doublePrecision() {
    // GradientCheckUtil insists on ND4J's default type being double; restored after each test.
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @org.junit.jupiter.api.AfterEach
  void singlePrecision() {
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
  }

  private static NeuralNetConfiguration.Builder doubleBase() {
    return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new NoOp())
        .weightInit(WeightInit.XAVIER);
  }

  private static Knobs knobs(boolean batchNorm) {
    // tanh: smooth, so finite differences are not fooled by ReLU's kink
    return new Knobs(new ModelConfig("resnet18", 3).withActivation(ActivationName.TANH).withDropout(0.0),
        batchNorm, 0);
  }

  private static boolean checkGraph(int channels, int size, BiFunction<GraphBlocks, String, String> block) {
    ComputationGraphConfiguration.GraphBuilder g = doubleBase().graphBuilder().addInputs("input");
    GraphBlocks b = new GraphBlocks(g, knobs(true));
    String x = block.apply(b, "input");
    x = b.globalAvgPool("gap", x);
    b.output("out", x, 3, 1, 0);
    ComputationGraphConfiguration conf = g.setOutputs("out")
        .setInputTypes(InputType.convolutional(size, size, channels)).build();
    conf.getVertices().values().forEach(v -> {
      if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
        freezeRunningStatistics(lv.getLayerConf().getLayer());
      }
    });
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    Random rnd = new Random(12);
    INDArray in = Nd4j.rand(DataType.DOUBLE, 3, channels, size, size).subi(0.5);
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 3);
    for (int i = 0; i < 3; i++) {
      labels.putScalar(i, rnd.nextInt(3), 1.0);
    }
    return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
        .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
  }

  /**
   * Batch norm's running mean and variance are updated, not trained: DL4J reports their update
   * as a "gradient" that finite differences cannot see. With decay 1 that update is zero, so the
   * check covers every trained parameter without name-based exclusions.
   */
  private static void freezeRunningStatistics(org.deeplearning4j.nn.conf.layers.Layer layer) {
    if (layer instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization bn) {
      bn.setDecay(1.0);
    }
  }

  @Test
  void convBatchNormActivationBlockPassesGradientCheck() {
    assertTrue(checkGraph(2, 5, (b, in) -> b.conv("c", in, 3, 3, 1, 1)));
  }

  @Test
  void stackConvBlockWithBatchNormPassesGradientCheck() {
    StackBlocks s = new StackBlocks(doubleBase(), knobs(true));
    NetworkConfig.Stack conf = (NetworkConfig.Stack) s.conv(3, 3, 2, 1).pool(2, 1, 0).output(3, new InputShape(6, 6, 2));
    conf.conf().getConfs().forEach(c -> freezeRunningStatistics(c.getLayer()));
    MultiLayerNetwork net = new MultiLayerNetwork(conf.conf());
    net.init();
    INDArray in = Nd4j.rand(DataType.DOUBLE, 4, 2, 6, 6).subi(0.5);
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, 3);
    for (int i = 0; i < 4; i++) {
      labels.putScalar(i, i % 3, 1.0); // every row one class: softmax's gradient p - y assumes it
    }
    assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in).labels(labels)
        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)));
  }

  @Test
  void residualBlocksPassGradientCheck() {
    assertTrue(checkGraph(3, 5, (b, in) -> ResNet.basic(b, "identity", in, 3, 3, 1, false)), "identity shortcut");
    assertTrue(checkGraph(2, 5, (b, in) -> ResNet.basic(b, "proj", in, 2, 4, 2, false)), "projection shortcut");
    assertTrue(checkGraph(2, 5, (b, in) -> ResNet.basic(b, "zeropad", in, 2, 4, 2, true)), "zero-padding shortcut");
    assertTrue(checkGraph(4, 4, (b, in) -> ResNet.bottleneck(b, "bottleneck", in, 4, 2, 2)), "bottleneck");
  }

  @Test
  void inceptionModulePassesGradientCheck() {
    assertTrue(checkGraph(3, 5, (b, in) -> GoogLeNet.inception(b, "inc", in, new int[] {2, 2, 3, 1, 2, 2})));
  }

  @Test
  void batchNormStatisticsAreAveragedNotSummedAcrossReplicas() {
    ModelSpec spec = new ModelSpec(new ModelConfig("simple-cnn", 2).withBatchNorm(true), new InputShape(8, 8, 1), 2,
        SGD, TrainingPlan.SINGLE);
    Replica whole = Replica.initialize(spec, 4);
    Replica viaGradient = Replica.withParameters(spec, whole.parameters());
    float[] x = new float[4 * 64];
    Random rnd = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian() + 2;
    }
    int[] y = {0, 1, 0, 1};
    whole.fit(x, y, 4);
    float[] g = new float[viaGradient.numParameters()];
    viaGradient.computeGradient(x, y, 4, g);
    viaGradient.applyGradient(g, 4);
    assertArrayEquals(whole.parameters(), viaGradient.parameters(), 1e-6f);
    // Two replicas on identical halves: the same running statistics as one of them alone.
    Replica one = Replica.withParameters(spec, viaGradient.parameters());
    Replica two = Replica.withParameters(spec, viaGradient.parameters());
    float[] half = Arrays.copyOf(x, 2 * 64);
    float[] g1 = new float[g.length];
    one.computeGradient(half, new int[] {0, 1}, 2, g1);
    float[] sum = g1.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= 2;
    }
    one.applyGradient(g1, 2);
    two.applyGradient(sum, 4);
    assertArrayEquals(one.parameters(), two.parameters(), 1e-6f);
  }
}
