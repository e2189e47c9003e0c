package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every architecture trains a few steps on a small input, its loss goes down, and its saved
 * model.zip reloads in plain DL4J with identical outputs. The default run covers each family
 * (lenets, alexnet, vgg, ImageNet and CIFAR ResNets with basic and bottleneck blocks, googlenet);
 * the remaining depths of each family are tagged slow.
 */
class ArchitectureTrainingTest {
  static final List<String> DEFAULT_RUN = List.of("simple-cnn", "lenet", "lenet5", "alexnet", "vgg11",
      "resnet18", "resnet20", "googlenet");
  static final List<String> SLOW_RUN = List.of("vgg13", "vgg16", "vgg19", "resnet34", "resnet50", "resnet101",
      "resnet32", "resnet56");

  /** What {@link #trainsAndReloads} runs: the lists the coverage check below reads. */
  static List<String> defaultRun() {
    return DEFAULT_RUN;
  }

  static List<String> slowRun() {
    return SLOW_RUN;
  }

  @ParameterizedTest
  @MethodSource("defaultRun")
  void trainsAndReloads(String arch) throws Exception {
    trainAndReload(new ModelConfig(arch, 4));
  }

  @Tag("slow")
  @ParameterizedTest
  @MethodSource("slowRun")
  void deeperMembersTrainAndReload(String arch) throws Exception {
    trainAndReload(new ModelConfig(arch, 4));
  }

  @Tag("slow")
  @Test
  void googlenetWithAuxiliaryClassifiersTrainsAndPredictsWithTheMainOutput() throws Exception {
    trainAndReload(new ModelConfig("googlenet", 4).withAuxClassifiers(true).withBatchNorm(true));
  }

  /** Reads the sources of the parameterized tests themselves, so an architecture left out of both fails. */
  @Test
  void everyArchitectureIsCoveredByATrainingTest() throws Exception {
    Set<String> covered = new HashSet<>();
    for (String test : List.of("trainsAndReloads", "deeperMembersTrainAndReload")) {
      String source = ArchitectureTrainingTest.class.getDeclaredMethod(test, String.class)
          .getAnnotation(MethodSource.class).value()[0];
      @SuppressWarnings("unchecked")
      List<String> archs = (List<String>) ArchitectureTrainingTest.class.getDeclaredMethod(source).invoke(null);
      covered.addAll(archs);
    }
    assertEquals(new HashSet<>(ModelConfig.ARCHITECTURES), covered);
  }

  /** Smallest convenient input of each architecture: 32x32, alexnet's 63, googlenet-with-aux's 65. */
  static int inputSize(ModelConfig m) {
    Architecture a = ModelZoo.architecture(m.arch());
    return Math.max(32, a.minInputSize(ModelZoo.knobs(a, m)));
  }

  private static void trainAndReload(ModelConfig model) throws Exception {
    int size = inputSize(model);
    // Dropout off so that a few steps show a clean decrease; Adam for a robust start at any depth,
    // gentler for the nets whose 4096-unit dense layers overshoot, bolder for the unnormalized googlenet.
    double lr = model.arch().startsWith("vgg") || model.arch().equals("alexnet") ? 1e-4
        : model.arch().equals("googlenet") && model.batchNorm() == null ? 3e-3 : 1e-3;
    ModelSpec spec = new ModelSpec(model.withDropout(0.0), new InputShape(size, size, 3), 4,
        new OptimizerConfig(OptimizerName.ADAM, lr, 0.9, 0), TrainingPlan.SINGLE);
    Replica r = Replica.initialize(spec, 3);
    int n = 4;
    int len = spec.input().length();
    float[] x = new float[n * len];
    int[] y = new int[n];
    Random rnd = new Random(1);
    for (int i = 0; i < n; i++) {
      y[i] = i % 4;
      for (int j = 0; j < len; j++) {
        // The class shows as a brighter channel.
        x[i * len + j] = (float) rnd.nextGaussian() * 0.1f + (j / (size * size) == y[i] % 3 ? 1f : 0f)
            + (y[i] == 3 ? 0.5f : 0f);
      }
    }
    double first = r.fit(x, y, n);
    double last = first;
    // The deeper VGGs, without batch norm, start slowly at the gentle rate: more steps, not a bolder one.
    int steps = Set.of("vgg13", "vgg16", "vgg19").contains(model.arch()) ? 20 : 5;
    for (int step = 0; step < steps; step++) {
      last = r.fit(x, y, n);
    }
    assertTrue(last < first * 0.9, model.arch() + ": loss " + first + " -> " + last);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.save(bytes, false); // updater state round trips are ReplicaTest's; this keeps big nets quick
    INDArray input = Nd4j.create(x, new long[] {n, 3, size, size}, 'c');
    INDArray out;
    try {
      MultiLayerNetwork stack = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
          true);
      out = stack.output(input, false);
    } catch (Exception notAStack) {
      ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
          true);
      out = graph.output(false, input)[0];
    }
    float[] expected = r.predict(x, n);
    assertEquals(n * 4, expected.length);
    assertArrayEquals(expected, Nd4j.toFlattened('c', out).toFloatVector(), 0f, model.arch());
  }
}
