package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.model.NativeVariant;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Layers and settings the zoo's defaults barely reach, in small stacks built here, against DL4J's
 * forward pass (training mode) and gradient view: LRN where its constants and DL4J's approximate
 * backward matter, Same-mode windows that pad one side, average pooling's divisors, batch norm
 * on a dense layer, and flat input turned into NCHW.
 */
class TorchLayersTest {
  private static final int N = 4;

  static {
    NativeVariant.select(); // ND4J's natives and DL4J's oneDNN helpers, as a Replica has them
  }

  /**
   * A large alpha and an even n: alpha undivided, a 2 floor(n/2) + 1 channel window and DL4J's
   * backward (not the exact gradient: 6% away from it here) tell DL4J's LRN from the others.
   */
  @ParameterizedTest(name = "n = {0}, alpha = {1}")
  @CsvSource({"5, 1e-4", "4, 0.1", "3, 0.5"})
  void localResponseNormalization(double n, double alpha) {
    assertReplaysDl4j(builder().list()
        .layer(conv(3, 1, 7))
        .layer(new LocalResponseNormalization.Builder(2, n, alpha, 0.75).build())
        .layer(output())
        .setInputType(InputType.convolutional(6, 6, 3)).build(), true, true, N, 3, 6, 6);
  }

  /**
   * Same mode: a 3x3/2 convolution and a 2x2/2 pooling of 10 and 5 pixels pad the bottom and right
   * only. Average pooling's divisor includes the padding, or not. Against DL4J's own layers: its
   * oneDNN helper's backward of average pooling takes the divisor without padding either way (see
   * PoolOp), its forward pass agrees.
   */
  @ParameterizedTest(name = "{0}, padding in the divisor: {1}")
  @CsvSource({"MAX, true", "AVG, true", "AVG, false"})
  void sameModeWindowsThatPadOneSide(PoolingType type, boolean includePad) {
    MultiLayerConfiguration conf = builder().convolutionMode(ConvolutionMode.Same).list()
        .layer(conv(3, 2, 4))
        .layer(new SubsamplingLayer.Builder(type, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0})
            .avgPoolIncludePadInDivisor(includePad).build())
        .layer(output())
        .setInputType(InputType.convolutional(10, 10, 2)).build();
    assertReplaysDl4j(conf, false, true, N, 2, 10, 10);
    assertReplaysDl4j(conf, true, false, N, 2, 10, 10);
  }

  /** Truncate mode with explicit padding: average pooling's divisor at the borders. */
  @ParameterizedTest(name = "padding in the divisor: {0}")
  @CsvSource({"true", "false"})
  void paddedAveragePooling(boolean includePad) {
    assertReplaysDl4j(builder().list()
        .layer(conv(3, 1, 4))
        .layer(new SubsamplingLayer.Builder(PoolingType.AVG, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1})
            .avgPoolIncludePadInDivisor(includePad).build())
        .layer(output())
        .setInputType(InputType.convolutional(7, 7, 2)).build(), false, true, N, 2, 7, 7);
  }

  /** Batch norm over [n, units] (per unit, over the batch), with a log-std or a variance parameter. */
  @ParameterizedTest(name = "log std: {0}")
  @CsvSource({"true", "false"})
  void batchNormOnADenseLayer(boolean logStd) {
    assertReplaysDl4j(builder().list()
        .layer(new DenseLayer.Builder().nOut(12).hasBias(false).activation(Activation.IDENTITY).build())
        .layer(new BatchNormalization.Builder().useLogStd(logStd).activation(Activation.IDENTITY).build())
        .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
        .layer(output())
        .setInputType(InputType.feedForward(10)).build(), true, true, N, 10);
  }

  /** Flat input ([n, h w c]) reshaped to NCHW before a convolution (FeedForwardToCnnPreProcessor). */
  @Test
  void flatInputToConvolutions() {
    assertReplaysDl4j(builder().list()
        .layer(conv(3, 1, 4))
        .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
        .layer(output())
        .setInputType(InputType.convolutionalFlat(5, 5, 2)).build(), true, true, N, 50);
  }

  private static NeuralNetConfiguration.Builder builder() {
    return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3).activation(Activation.RELU);
  }

  private static ConvolutionLayer conv(int kernel, int stride, int maps) {
    return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(maps).build();
  }

  private static OutputLayer output() {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build();
  }

  /**
   * DL4J's and libtorch's class probabilities in training and inference mode, score and gradient view from the same
   * parameters and a minibatch of {@code shape}.
   *
   * @param helpers whether DL4J's layers get their oneDNN helpers (decided when they are made)
   * @param backward whether to compare the gradient too
   */
  private static void assertReplaysDl4j(MultiLayerConfiguration conf, boolean helpers, boolean backward,
      long... shape) {
    MultiLayerNetwork net = network(conf, helpers);
    Fixtures.perturbBatchNorms(net, 5);
    int n = (int) shape[0];
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    java.util.Random rnd = new java.util.Random(9);
    float[] values = new float[(int) length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rnd.nextGaussian();
    }
    INDArray x = Nd4j.create(values, shape, 'c');
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, i % 3, 1);
    }
    TorchStack torch = TorchStack.of("test", net);

    float[] expected = Nd4j.toFlattened(net.output(x, true)).toFloatVector();
    float[] actual = Nd4j.toFlattened(torch.outputTraining(x)).toFloatVector();
    double max = Fixtures.maxDifference(expected, actual);
    assertTrue(max < 1e-5, "largest difference of the class probabilities " + max);
    float[] expectedInference = Nd4j.toFlattened(net.output(x, false)).toFloatVector();
    float[] actualInference = Nd4j.toFlattened(torch.output(x)).toFloatVector();
    double maxInference = Fixtures.maxDifference(expectedInference, actualInference);
    assertTrue(maxInference < 1e-5, "largest difference of the class probabilities in inference mode " + maxInference);
    if (!backward) {
      return;
    }

    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    double expectedScore = net.score();
    float[] dl4j = net.getGradientsViewArray().dup().toFloatVector();
    net.getGradientsViewArray().assign(0);
    double actualScore = new TorchGradientEngine(torch).computeGradientAndScore(x, y);
    float[] libtorch = net.getGradientsViewArray().dup().toFloatVector();

    assertEquals(expectedScore, actualScore, 1e-5 * Math.abs(expectedScore), "score");
    Map<String, float[]> e = Fixtures.slices(net, dl4j);
    Map<String, float[]> a = Fixtures.slices(net, libtorch);
    for (String v : e.keySet()) {
      double err = Fixtures.relativeError(a.get(v), e.get(v));
      assertTrue(err < 1e-4, v + ": relative error " + err);
    }
    assertTrue(Fixtures.relativeError(dl4j, new float[dl4j.length]) > 0, "DL4J wrote a gradient");
  }

  /** A network of {@code conf}, its layers made with or without DL4J's oneDNN helpers. */
  private static MultiLayerNetwork network(MultiLayerConfiguration conf, boolean helpers) {
    String before = System.getProperty(NativeVariant.HELPERS_DISABLED_PROPERTY);
    System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, String.valueOf(!helpers));
    try {
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      return net;
    } finally {
      System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, before);
    }
  }
}
