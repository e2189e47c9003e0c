package io.convoy.model.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A whole network trains the same with convoy's kernels as with DL4J's own helpers, and saves as plain DL4J. */
class KernelsTrainingTest {
  private static final ModelSpec RESNET20 = new ModelSpec("resnet20", new InputShape(16, 16, 3), 4,
      new OptimizerConfig(OptimizerName.NESTEROV, 0.05, 0.9, 1e-4));
  private static final int BATCH = 8;

  @Test
  void resnet20TrainsTheSameWithAndWithoutTheKernels() {
    Replica fast = withKernels("on", () -> Replica.initialize(RESNET20, 3));
    Replica dl4j = withKernels("off", () -> Replica.initialize(RESNET20, 3));
    assertEquals(0, maxDifference(fast.parameters(), dl4j.parameters()));
    Random random = new Random(5);
    for (int step = 0; step < 4; step++) {
      float[] x = new float[BATCH * RESNET20.input().length()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian() + 0.5f;
      }
      int[] y = random.ints(BATCH, 0, 4).toArray();
      double lossFast = fast.fit(x, y, BATCH);
      double lossDl4j = dl4j.fit(x, y, BATCH);
      assertEquals(lossDl4j, lossFast, 1e-5 * Math.abs(lossDl4j), "loss at step " + step);
    }
    // gamma, beta, conv weights and the running statistics after four steps
    double diff = maxDifference(dl4j.parameters(), fast.parameters());
    assertTrue(diff < 1e-5, "parameters differ by up to " + diff);
  }

  @Test
  void theSavedModelIsPlainDl4jAndPredictsTheSame() throws Exception {
    Replica fast = withKernels("on", () -> Replica.initialize(RESNET20, 3));
    float[] x = new float[2 * RESNET20.input().length()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    fast.fit(x, new int[] {1, 2}, 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    fast.save(bytes, true);
    ComputationGraph plain = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
        true);
    for (GraphVertex v : plain.getVertices()) {
      if (v.hasLayer() && v.getLayer() instanceof BatchNormalization bn && bn.getHelper() != null) {
        assertTrue(!(bn.getHelper() instanceof ConvoyBatchNormHelper), "plain DL4J got convoy's helper");
      }
    }
    INDArray expected = Nd4j.createFromArray(fast.predict(x, 2)).reshape(2, 4);
    INDArray actual = plain.outputSingle(false, Nd4j.create(x, new long[] {2, 3, 16, 16}, 'c'));
    assertTrue(expected.sub(actual).amaxNumber().doubleValue() < 1e-5, expected + " vs " + actual);
  }

  private static Replica withKernels(String value, Supplier<Replica> build) {
    String before = System.getProperty(Kernels.PROPERTY);
    System.setProperty(Kernels.PROPERTY, value);
    try {
      return build.get();
    } finally {
      if (before == null) {
        System.clearProperty(Kernels.PROPERTY);
      } else {
        System.setProperty(Kernels.PROPERTY, before);
      }
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
