package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ActivationName;
import io.convoy.conf.BackendName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The libtorch replay's forward pass in training mode gives DL4J's, from the same weights. */
class TorchGraphTest {
  /**
   * resnet50's 53 batch norms, the last ones over 4 values per channel at this size, amplify
   * float rounding (a vertex-by-vertex comparison grows from 1e-7 at the stem to 1e-4 at stage 3
   * with no step in between): its tolerance is looser, a wrong op still misses it by far.
   */
  @ParameterizedTest(name = "{0} at {1}x{1}, batch {2}")
  @CsvSource({
      "resnet20, 8, 4, 1e-4",   // zero-padding shortcuts (max-pool subsample, scale 0, merge)
      "resnet18, 16, 4, 1e-4",  // projection shortcuts, 7x7/2 stem and padded 3x3/2 max pooling
      "resnet50, 32, 4, 3e-3",  // bottlenecks
  })
  void forwardInTrainingModeEqualsDl4j(String arch, int size, int n, double tolerance) {
    assertForwardEqual(Fixtures.dl4jReplica(arch, size, 5, 7), n, tolerance);
  }

  /** model.activation's every choice, in resnet20's activation layers. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ActivationName.class)
  void everyActivationTheZooOffers(ActivationName activation) {
    ModelSpec s = Fixtures.spec("resnet20", 8, 5, BackendName.DL4J);
    ModelSpec spec = new ModelSpec(s.model().withActivation(activation), s.input(), s.classes(), s.optimizer(), s.plan());
    assertForwardEqual(Fixtures.dl4jReplica(spec, 7), 4, 1e-4);
  }

  private static void assertForwardEqual(Replica r, int n, double tolerance) {
    String arch = r.spec().arch();
    int size = r.spec().input().height();
    ComputationGraph g = Fixtures.graph(r);
    InputShape s = r.spec().input();
    INDArray x = Nd4j.create(Fixtures.features(n, s, 3), new long[] {n, 3, size, size}, 'c');
    float[] before = r.parameters();

    float[] dl4j = Nd4j.toFlattened(g.output(true, x)[0]).toFloatVector();
    float[] torch = Nd4j.toFlattened(TorchGraph.of(arch, g).outputTraining(x)).toFloatVector();

    assertEquals(dl4j.length, torch.length);
    double max = 0;
    for (int i = 0; i < dl4j.length; i++) {
      max = Math.max(max, Math.abs(dl4j[i] - torch[i]));
    }
    assertTrue(max < tolerance, arch + ": largest difference of the class probabilities " + max);
    assertTrue(java.util.Arrays.equals(before, r.parameters()), "a forward pass changes no parameter");
  }
}
