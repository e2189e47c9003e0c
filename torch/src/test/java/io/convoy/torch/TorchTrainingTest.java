package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.BackendName;
import io.convoy.model.Replica;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Training through Replica on the libtorch backend: DL4J's trajectory, and a model plain DL4J loads. */
class TorchTrainingTest {
  private static final int N = 8;

  @Test
  void twentyNesterovStepsFollowDl4j() {
    Replica dl4j = Fixtures.dl4jReplica("resnet20", 8, 4, 21);
    Replica torch = Fixtures.copy(dl4j, BackendName.LIBTORCH);
    for (int step = 0; step < 20; step++) {
      float[] x = Fixtures.features(N, dl4j.spec().input(), 100 + step % 4);
      int[] y = Fixtures.labels(N, 4, 200 + step % 4);
      double expected = dl4j.fit(x, y, N);
      double actual = torch.fit(x, y, N);
      assertEquals(expected, actual, 1e-3 * Math.abs(expected), "loss at step " + step);
    }
    Map<String, float[]> e = Fixtures.slices(Fixtures.graph(dl4j), dl4j.parameters());
    Map<String, float[]> a = Fixtures.slices(Fixtures.graph(dl4j), torch.parameters());
    // Float rounding alone moves this trajectory: DL4J started from its own parameters perturbed by
    // 1e-6 (relative) ends 20 steps later 1.6e-3 to 3.8e-3 away in weights and running statistics
    // (loss 3e-3 at step 10), libtorch ends 0.2e-3 to 1.5e-3 away. Hence 1e-2 after 20 steps; the
    // one-step comparison (TorchGradientTest) holds the statistics' updates to 1e-3.
    for (String v : e.keySet()) {
      double err = Fixtures.relativeError(a.get(v), e.get(v));
      assertTrue(err < 1e-2, v + " after 20 steps: relative error " + err);
    }
    double momentum = Fixtures.relativeError(torch.updaterState(), dl4j.updaterState());
    assertTrue(momentum < 1e-2, "momentum: relative error " + momentum);
  }

  /**
   * Bottleneck blocks (1x1 convolutions, stride 1 and 2) train on libtorch: the first step's loss
   * is DL4J's (the same forward pass; resnet50's 53 batch norms hold it to 1e-2, see
   * TorchGraphTest), and the backward passes run. Through conv2d, oneDNN 3.7's 1x1 backward
   * divided by a zero cache size on virtual machines that report none and killed the JVM; ConvOp
   * runs them as matrix products. Later losses are not compared: at this size and recipe resnet50's
   * loss jumps (10 to 14 in one step), which turns float rounding into percent.
   */
  @Test
  void resnet50sBottlenecksTrain() {
    Replica dl4j = Fixtures.dl4jReplica("resnet50", 64, 4, 41);
    Replica torch = Fixtures.copy(dl4j, BackendName.LIBTORCH);
    float[] x = Fixtures.features(4, dl4j.spec().input(), 500);
    int[] y = Fixtures.labels(4, 4, 600);
    double expected = dl4j.fit(x, y, 4);
    assertEquals(expected, torch.fit(x, y, 4), 1e-2 * Math.abs(expected), "first loss");
    for (int step = 1; step < 3; step++) {
      double loss = torch.fit(Fixtures.features(4, dl4j.spec().input(), 500 + step), y, 4);
      assertTrue(Double.isFinite(loss), "loss at step " + step + ": " + loss);
    }
  }

  /**
   * The gradients averaging mode's path (computeGradient, then applyGradient with the sum: batch
   * norm's entries multiplied by n and divided back) on libtorch takes DL4J's fit steps.
   */
  @Test
  void computeThenApplyGradientTakesDl4jsFitStep() {
    Replica dl4j = Fixtures.dl4jReplica("resnet20", 8, 4, 31);
    Replica torch = Fixtures.copy(dl4j, BackendName.LIBTORCH);
    float[] gradient = new float[torch.numParameters()];
    for (int step = 0; step < 3; step++) {
      float[] x = Fixtures.features(N, dl4j.spec().input(), 300 + step);
      int[] y = Fixtures.labels(N, 4, 400 + step);
      dl4j.fit(x, y, N);
      torch.computeGradient(x, y, N, gradient);
      torch.applyGradient(gradient, N);
    }
    Map<String, float[]> e = Fixtures.slices(Fixtures.graph(dl4j), dl4j.parameters());
    Map<String, float[]> a = Fixtures.slices(Fixtures.graph(dl4j), torch.parameters());
    for (String v : e.keySet()) {
      double err = Fixtures.relativeError(a.get(v), e.get(v));
      assertTrue(err < 1e-4, v + " after 3 steps: relative error " + err);
    }
  }

  @Test
  void trainsAndSavesAModelPlainDl4jLoads() throws Exception {
    Replica r = Replica.initialize(Fixtures.spec("resnet20", 8, 3, BackendName.LIBTORCH), 5);
    float[] x = Fixtures.features(N, r.spec().input(), 1);
    int[] y = Fixtures.labels(N, 3, 2);
    double first = r.fit(x, y, N);
    double last = first;
    for (int i = 0; i < 15; i++) {
      last = r.fit(x, y, N);
    }
    assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.save(bytes, true);
    ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
    float[] expected = r.predict(x, N);
    float[] actual = Nd4j.toFlattened(loaded.output(false,
        Nd4j.create(x, new long[] {N, 3, 8, 8}, 'c'))[0]).toFloatVector();
    assertArrayEquals(expected, actual, 1e-6f);
  }
}
