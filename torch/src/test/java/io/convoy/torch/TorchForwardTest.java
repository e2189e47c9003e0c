package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.names.ActivationName;
import io.convoy.conf.names.BackendName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The libtorch replay's forward pass in training and in inference mode gives DL4J's, from the same weights. */
class TorchForwardTest {
  /**
   * The zoo's layer kinds, each network at a size it takes. resnet50's 53 batch norms, the last
   * ones over 4 values per channel at this size, amplify float rounding (a vertex-by-vertex
   * comparison grows from 1e-7 at the stem to 1e-4 at stage 3 with no step in between): its
   * tolerance is looser, a wrong op still misses it by far.
   */
  static Stream<Arguments> zoo() {
    return Stream.of(
        Arguments.of("resnet20", "8x8x3", 4, 1e-4),        // zero-padding shortcuts (max-pool subsample, scale 0, merge)
        Arguments.of("resnet18", "16x16x3", 4, 1e-4),      // projection shortcuts, 7x7/2 stem and padded 3x3/2 max pooling
        Arguments.of("resnet50", "32x32x3", 4, 3e-3),      // bottlenecks
        Arguments.of("googlenet", "32x32x3", 2, 1e-4),     // LRN, inception merges, padded max pooling in a graph
        Arguments.of("lenet", "28x28x1", 4, 1e-4),         // linear convolutions, flattening, dense
        Arguments.of("lenet5", "32x32x1", 4, 1e-4),
        Arguments.of("simple-cnn", "15x15x3", 4, 1e-4),    // Same mode: 2x2/2 max pooling of 15 pads one side only
        Arguments.of("simple-cnn+avg", "16x16x3", 4, 1e-4),
        Arguments.of("alexnet", "63x63x3", 2, 1e-4),       // LRN, 11x11/4 padded convolution, 3x3/2 pooling
        Arguments.of("alexnet+bn", "63x63x3", 2, 1e-4),
        Arguments.of("vgg16", "32x32x3", 2, 1e-4));
  }

  @ParameterizedTest(name = "{0} at {1}, batch {2}")
  @MethodSource("zoo")
  void forwardInTrainingModeEqualsDl4j(String variant, String input, int n, double tolerance) {
    assertForwardEqual(Fixtures.dl4jReplica(variant, InputShape.parse(input), 5, 7), n, tolerance);
  }

  /**
   * Inference mode: every batch norm with its running statistics (perturbed away from 0 and 1,
   * log10stdev and variance parameters both), the way validation during training scores.
   */
  @ParameterizedTest(name = "{0} at {1}, batch {2}, inference")
  @MethodSource("zoo")
  void forwardInInferenceModeEqualsDl4j(String variant, String input, int n, double tolerance) {
    Replica r = Fixtures.dl4jReplica(variant, InputShape.parse(input), 5, 7);
    assertOutputsEqual(r, n, tolerance, Fixtures::dl4jOutput, (net, x) -> TorchNetwork.of(r.spec().arch(), net).output(x));
  }

  /** Dropout drops nothing in inference mode, on libtorch as in DL4J (lenet, alexnet: dense layers' inputs). */
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({"lenet, 28x28x1", "alexnet, 63x63x3"})
  void inferenceDropsNothing(String arch, String input) {
    InputShape s = InputShape.parse(input);
    ModelSpec plain = Fixtures.spec(arch, s, 5, BackendName.DL4J);
    ModelSpec spec = new ModelSpec(plain.model().withDropout(0.5), s, 5, plain.optimizer(), plain.plan());
    Replica r = Fixtures.dl4jReplica(spec, 7);
    assertOutputsEqual(r, 2, 1e-4, Fixtures::dl4jOutput, (net, x) -> TorchNetwork.of(arch, net).output(x));
  }

  /** model.activation's every choice, in resnet20's activation layers and lenet5's convolutions and dense layers. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ActivationName.class)
  void everyActivationTheZooOffers(ActivationName activation) {
    for (String arch : new String[] {"resnet20", "lenet5"}) {
      int size = arch.equals("resnet20") ? 8 : 16;
      ModelSpec s = Fixtures.spec(arch, new InputShape(size, size, 3), 5, BackendName.DL4J);
      ModelSpec spec = new ModelSpec(s.model().withActivation(activation), s.input(), s.classes(), s.optimizer(), s.plan());
      assertForwardEqual(Fixtures.dl4jReplica(spec, 7), 4, 1e-4);
    }
  }

  private static void assertForwardEqual(Replica r, int n, double tolerance) {
    assertOutputsEqual(r, n, tolerance, Fixtures::dl4jOutputTraining,
        (net, x) -> TorchNetwork.of(r.spec().arch(), net).outputTraining(x));
  }

  private static void assertOutputsEqual(Replica r, int n, double tolerance,
      BiFunction<NeuralNetwork, INDArray, INDArray> expected, BiFunction<NeuralNetwork, INDArray, INDArray> actual) {
    String arch = r.spec().arch();
    NeuralNetwork net = r.dl4jNetwork();
    InputShape s = r.spec().input();
    INDArray x = Nd4j.create(Fixtures.features(n, s, 3), new long[] {n, s.channels(), s.height(), s.width()}, 'c');
    float[] before = r.parameters();

    float[] dl4j = Nd4j.toFlattened(expected.apply(net, x)).toFloatVector();
    float[] torch = Nd4j.toFlattened(actual.apply(net, x)).toFloatVector();

    assertEquals(dl4j.length, torch.length);
    double max = Fixtures.maxDifference(dl4j, torch);
    assertTrue(max < tolerance, arch + ": largest difference of the class probabilities " + max);
    assertTrue(java.util.Arrays.equals(before, r.parameters()), "a forward pass changes no parameter");
  }
}
