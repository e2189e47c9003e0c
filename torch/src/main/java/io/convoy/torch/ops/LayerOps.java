package io.convoy.torch.ops;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Each DL4J layer configuration convoy's zoo builds, and the input preprocessors DL4J puts between
 * layers, as a {@link TorchOp}: one way to do each, for the layers of a stack ({@link io.convoy.torch.TorchStack})
 * and the layer vertices of a graph ({@link VertexOps}) alike. Anything else, or a setting whose
 * result libtorch would not reproduce exactly, is an {@link Unsupported} error.
 *
 * <p>One per network: its dropout layers draw their masks from one libtorch generator, seeded once
 * from the network's configured seed, so a run draws the same masks every time (the network's own
 * generator, not libtorch's global one, which every replica of the JVM would share).
 */
public final class LayerOps {
  private final String arch;
  private final long seed;
  private Generator generator;

  public LayerOps(String arch, long seed) {
    this.arch = arch;
    this.seed = seed;
  }

  /**
   * @param name DL4J's prefix of the layer's gradient keys: the vertex name in a graph ("conv1"),
   *     the layer's index in a stack ("3")
   * @param where the layer as an error message names it
   * @param layer the runtime layer (holds the parameter views)
   */
  public TorchOp of(String name, String where, org.deeplearning4j.nn.conf.layers.Layer conf, Layer layer) {
    if (conf instanceof BaseLayer b && b.getWeightNoise() != null) {
      throw Unsupported.of(arch, where, "a layer with weight noise");
    }
    TorchOp op = layer(name, where, conf, layer);
    IDropout dropout = conf.getIDropout();
    if (dropout == null) {
      return op;
    }
    // DL4J drops these layers' inputs (BaseLayer.preOutput, ConvolutionLayer's own); what it does
    // with dropout on batch norm, pooling or LRN was not checked, and the zoo never asks for it
    boolean drops = conf instanceof DenseLayer || conf instanceof OutputLayer || conf instanceof ConvolutionLayer;
    if (!(dropout instanceof Dropout d) || d.getPSchedule() != null || !drops) {
      throw Unsupported.of(arch, where, "a " + conf.getClass().getSimpleName() + " with " + dropout
          + " (only Dropout(p) with a fixed p, on dense, output and convolution layers)");
    }
    return new DropoutOp(d.getP(), generator(), op);
  }

  /** The op of DL4J's preprocessor {@code p} in front of a layer; null for none. */
  public TorchOp preprocessor(String where, InputPreProcessor p) {
    if (p == null) {
      return null;
    }
    // DL4J flattens NCHW activations in C order, [n, c * h * w], and back
    if (p instanceof CnnToFeedForwardPreProcessor c && c.getFormat() == CNN2DFormat.NCHW) {
      return (in, pass) -> in.get(0).reshape(in.get(0).size(0), -1);
    }
    if (p instanceof FeedForwardToCnnPreProcessor f) {
      return (in, pass) -> in.get(0).reshape(in.get(0).size(0), f.getNumChannels(), f.getInputHeight(),
          f.getInputWidth());
    }
    throw Unsupported.of(arch, where, "a layer with input preprocessor " + p);
  }

  private TorchOp layer(String name, String where, org.deeplearning4j.nn.conf.layers.Layer conf, Layer layer) {
    if (conf instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
      requireCnn(where, c.getConvolutionMode(), c.getCnn2dDataFormat(), c.getDilation());
      return new ConvOp(name, layer, c, activation(where, c.getActivationFn()));
    }
    if (conf instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class
        && (s.getPoolingType() == PoolingType.MAX || s.getPoolingType() == PoolingType.AVG)) {
      requireCnn(where, s.getConvolutionMode(), s.getCnn2dDataFormat(), s.getDilation());
      return new PoolOp(s);
    }
    if (conf instanceof BatchNormalization bn) {
      if (bn.isLockGammaBeta() || bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
        throw Unsupported.of(arch, where, "a batch norm with locked gamma and beta or NHWC data");
      }
      return new BatchNormOp(name, layer, bn, activation(where, bn.getActivationFn()));
    }
    if (conf instanceof ActivationLayer a) {
      UnaryOperator<Tensor> f = activation(where, a.getActivationFn());
      return (in, pass) -> f.apply(in.get(0));
    }
    if (conf instanceof LocalResponseNormalization lrn) {
      return new LrnOp(lrn);
    }
    if (conf instanceof DenseLayer d && d.getClass() == DenseLayer.class && !d.hasLayerNorm()) {
      return new DenseOp(name, layer, d.hasBias(), activation(where, d.getActivationFn()));
    }
    if (conf instanceof GlobalPoolingLayer g && g.getPoolingType() == PoolingType.AVG && g.isCollapseDimensions()
        && (g.getPoolingDimensions() == null || Arrays.equals(g.getPoolingDimensions(), new int[] {2, 3}))) {
      return (in, pass) -> in.get(0).mean(new long[] {2, 3}, false, new ScalarTypeOptional());
    }
    if (conf instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax
        && o.getLossFn() instanceof LossMCXENT loss) {
      return new OutputOp(name, layer, o.hasBias(), loss.getWeights());
    }
    String what = "a " + conf.getClass().getSimpleName();
    if (conf instanceof BaseLayer b) {
      what += " with activation " + b.getActivationFn();
    }
    if (conf instanceof BaseOutputLayer o) {
      what += " and loss " + o.getLossFn();
    }
    throw Unsupported.of(arch, where, what);
  }

  private UnaryOperator<Tensor> activation(String where, IActivation a) {
    UnaryOperator<Tensor> f = Activations.of(a);
    if (f == null) {
      throw Unsupported.of(arch, where, "a layer with activation " + a);
    }
    return f;
  }

  private void requireCnn(String where, ConvolutionMode mode, CNN2DFormat format, int[] dilation) {
    if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict && mode != ConvolutionMode.Same) {
      throw Unsupported.of(arch, where, "a layer in ConvolutionMode." + mode);
    }
    if (format != CNN2DFormat.NCHW) {
      throw Unsupported.of(arch, where, "a layer on " + format + " data (only NCHW is)");
    }
    if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
      throw Unsupported.of(arch, where, "a dilated layer");
    }
  }

  /** The network's dropout generator, made at the first dropout layer. */
  private Generator generator() {
    if (generator == null) {
      generator = torch.createCPUGenerator(seed);
    }
    return generator;
  }
}
