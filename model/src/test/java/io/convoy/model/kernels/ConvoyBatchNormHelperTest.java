package io.convoy.model.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.model.NativeVariant;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** convoy's batch-norm helper computes what DL4J's built-in path (no helper at all) does. */
class ConvoyBatchNormHelperTest {
  private static final double TOLERANCE = 1e-5;

  @BeforeAll
  static void nativeVariant() {
    NativeVariant.select();
  }

  @Test
  void matchesTheBuiltInPathOnImageShapes() {
    check(new long[] {4, 3, 5, 7}, 0, 1, TOLERANCE);
    check(new long[] {1, 2, 3, 3}, 0, 2, TOLERANCE);
    check(new long[] {2, 5, 1, 1}, 0, 3, TOLERANCE);
    check(new long[] {8, 16, 32, 32}, 0, 4, TOLERANCE);
    check(new long[] {2, 3, 130, 129}, 0, 5, TOLERANCE); // planes larger than one streaming chunk
    check(new long[] {64, 16, 32, 32}, 0, 6, TOLERANCE); // split over threads where ND4J may use several
  }

  @Test
  void keepsTheVarianceExactWhereTheMeanIsLarge() {
    // At |x| = 100, float rounding of x - mean alone moves the gradients by ~1e-5 relative on
    // either path; the statistics and outputs must still agree as closely as elsewhere.
    check(new long[] {4, 3, 9, 9}, 100, 7, 2e-4);
  }

  @Test
  void matchesTheBuiltInPathAfterDenseLayers() {
    check(new long[] {6, 10}, 0, 8, TOLERANCE);
    // One example: the input gradient is exactly 0, as the difference of terms of size
    // |gamma * dy| / sqrt(eps) ~ 300, so float rounding leaves ~1e-5 of them on either path.
    check(new long[] {1, 4}, 0, 9, 1e-3);
  }

  @Test
  void isInstalledOnlyWhereEnabled() {
    String before = System.getProperty(Kernels.PROPERTY);
    try {
      System.setProperty(Kernels.PROPERTY, "off");
      assertEquals(0, Kernels.install(List.of(layer(new long[] {2, 3, 4, 4}, false))));
      System.clearProperty(Kernels.PROPERTY);
      Layer layer = layer(new long[] {2, 3, 4, 4}, false);
      assertEquals(1, Kernels.install(List.of(layer)));
      assertInstanceOf(ConvoyBatchNormHelper.class, layer.getHelper());
    } finally {
      if (before == null) {
        System.clearProperty(Kernels.PROPERTY);
      } else {
        System.setProperty(Kernels.PROPERTY, before);
      }
    }
  }

  /**
   * Forward in training mode, backward, and forward in inference mode, on a built-in layer and
   * on one with convoy's helper, from the same parameters (gamma, beta and running statistics
   * away from their initial 1, 0, 0, 1). Outputs and running statistics agree within
   * {@link #TOLERANCE}, gradients within {@code gradientTolerance}, relative to the largest value.
   */
  private static void check(long[] shape, double offset, long seed, double gradientTolerance) {
    Layer builtIn = layer(shape, true);
    Layer fast = layer(shape, false);
    assertNull(builtIn.getHelper());
    assertEquals(1, Kernels.install(List.of(fast)));
    Nd4j.getRandom().setSeed(seed);
    INDArray params = Nd4j.rand(DataType.FLOAT, builtIn.params().shape()).addi(0.5);
    builtIn.setParams(params.dup());
    fast.setParams(params.dup());
    INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(2).addi(offset + 0.3);
    INDArray dy = Nd4j.randn(DataType.FLOAT, shape);
    String what = java.util.Arrays.toString(shape) + " offset " + offset;
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    builtIn.setInput(x.dup(), mgr);
    fast.setInput(x.dup(), mgr);
    assertClose(builtIn.activate(true, mgr), fast.activate(true, mgr), what + " training output");
    Pair<Gradient, INDArray> expected = builtIn.backpropGradient(dy.dup(), mgr);
    Pair<Gradient, INDArray> actual = fast.backpropGradient(dy.dup(), mgr);
    assertClose(expected.getSecond(), actual.getSecond(), gradientTolerance, what + " input gradient");
    // gamma, beta, mean and the running variance as DL4J parameterizes it (log10 of the std by default)
    assertEquals(4, expected.getFirst().gradientForVariable().size(), what);
    assertEquals(expected.getFirst().gradientForVariable().keySet(), actual.getFirst().gradientForVariable().keySet());
    for (String param : expected.getFirst().gradientForVariable().keySet()) {
      INDArray e = expected.getFirst().getGradientFor(param);
      INDArray a = actual.getFirst().getGradientFor(param);
      boolean runningStatistic = !param.equals(BatchNormalizationParamInitializer.GAMMA)
          && !param.equals(BatchNormalizationParamInitializer.BETA);
      assertClose(e, a, runningStatistic ? TOLERANCE : gradientTolerance, what + " gradient of " + param);
    }
    builtIn.setInput(x.dup(), mgr);
    fast.setInput(x.dup(), mgr);
    assertClose(builtIn.activate(false, mgr), fast.activate(false, mgr), what + " inference output");
  }

  /** The batch-norm layer of a one-layer network, built with DL4J's helpers on or off. */
  private static Layer layer(long[] shape, boolean helpersDisabled) {
    String before = System.getProperty(NativeVariant.HELPERS_DISABLED_PROPERTY);
    System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, String.valueOf(helpersDisabled));
    try {
      InputType input = shape.length == 2 ? InputType.feedForward(shape[1])
          : InputType.convolutional(shape[2], shape[3], shape[1]);
      MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
          .dataType(DataType.FLOAT)
          .list()
          .layer(new BatchNormalization.Builder().build())
          .setInputType(input)
          .build();
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      net.initGradientsView();
      return net.getLayer(0);
    } finally {
      System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, before == null ? "false" : before);
    }
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertClose(expected, actual, TOLERANCE, what);
  }

  private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
    double scale = Math.max(1, expected.amaxNumber().doubleValue());
    double diff = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " > " + tolerance + " x " + scale);
  }
}
