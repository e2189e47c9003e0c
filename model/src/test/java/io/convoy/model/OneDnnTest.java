package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** oneDNN helpers are really used by DL4J's layers, and compute what the built-in path does. */
class OneDnnTest {
  @BeforeAll
  static void nativeVariant() {
    NativeVariant.select();
  }

  @Test
  void choosesTheNativeBuildTheCpuCanRun() {
    assertEquals("-onednn-avx2", NativeVariant.extensionFor(Set.of("sse4_2", "avx", "avx2", "fma")));
    assertEquals("-onednn", NativeVariant.extensionFor(Set.of("sse4_2", "avx")));
    assertEquals("-onednn", NativeVariant.extensionFor(Set.of()));
    assertEquals(NativeVariant.extensionFor(NativeVariant.cpuFlags()),
        System.getProperty(NativeVariant.EXTENSION_PROPERTY));
    assertTrue(NativeVariant.loaded().contains("onednn") && !NativeVariant.loaded().contains("off"),
        NativeVariant.loaded());
  }

  @Test
  void convolutionPoolingAndBatchNormUseOneDnnAndMatchTheBuiltInPath() {
    MultiLayerNetwork withHelpers = network(false);
    MultiLayerNetwork builtIn = network(true);
    builtIn.setParams(withHelpers.params().dup());
    for (int layer = 0; layer < 3; layer++) {
      assertNotNull(withHelpers.getLayer(layer).getHelper(), "layer " + layer + " has no oneDNN helper");
      assertTrue(withHelpers.getLayer(layer).getHelper().getClass().getSimpleName().startsWith("MKLDNN"),
          withHelpers.getLayer(layer).getHelper().getClass().getName());
      assertNull(builtIn.getLayer(layer).getHelper());
    }
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 13, 13);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 5);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i % 5, 1);
    }
    // Inference, then one training step (backward passes of all three layers), then inference.
    assertClose(builtIn.output(x, false), withHelpers.output(x, false));
    builtIn.fit(x, y);
    withHelpers.fit(x, y);
    assertClose(builtIn.params(), withHelpers.params());
    assertClose(builtIn.output(x, false), withHelpers.output(x, false));
  }

  /** A conv + batch norm + max pool net; DL4J decides about helpers when layers are built. */
  private static MultiLayerNetwork network(boolean helpersDisabled) {
    String before = System.getProperty(NativeVariant.HELPERS_DISABLED_PROPERTY);
    System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, String.valueOf(helpersDisabled));
    try {
      MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
          .dataType(DataType.FLOAT)
          .updater(new Sgd(0.1))
          .list()
          .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build())
          .layer(new BatchNormalization.Builder().build())
          .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
          .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build())
          .setInputType(InputType.convolutional(13, 13, 3))
          .build();
      conf.getConfs().forEach(c -> c.setSeed(1));
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      return net;
    } finally {
      System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, before == null ? "false" : before);
    }
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(maxDiff <= 1e-4, "max difference " + maxDiff + " > 1e-4");
  }
}
