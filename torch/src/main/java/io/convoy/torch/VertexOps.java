package io.convoy.torch;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Each DL4J vertex configuration the ResNets use, as a {@link TorchOp}; anything else, or a setting
 * whose result libtorch would not reproduce exactly, is an {@link Unsupported} error.
 */
final class VertexOps {
  private final String arch;

  VertexOps(String arch) {
    this.arch = arch;
  }

  /** @param layer the vertex's runtime layer (holds the parameter views), null for non-layer vertices */
  TorchOp of(String name, GraphVertex vertex, Layer layer) {
    if (vertex instanceof ElementWiseVertex e) {
      if (e.getOp() != ElementWiseVertex.Op.Add) {
        throw Unsupported.of(arch, name, "an element-wise " + e.getOp() + " vertex (only Add is)");
      }
      return (in, pass) -> {
        Tensor sum = in.get(0);
        for (int i = 1; i < in.size(); i++) {
          sum = sum.add(in.get(i));
        }
        return sum;
      };
    }
    if (vertex instanceof MergeVertex m) {
      if (m.getMergeAxis() != 1) {
        throw Unsupported.of(arch, name, "a merge along axis " + m.getMergeAxis() + " (only channels, 1)");
      }
      return (in, pass) -> torch.cat(new TensorVector(in.toArray(new Tensor[0])), 1);
    }
    if (vertex instanceof ScaleVertex s) {
      double factor = s.getScaleFactor();
      return (in, pass) -> in.get(0).mul(new Scalar(factor));
    }
    if (vertex instanceof LayerVertex lv) {
      if (lv.getPreProcessor() != null) {
        throw Unsupported.of(arch, name, "a layer with input preprocessor " + lv.getPreProcessor());
      }
      return layer(name, lv.getLayerConf().getLayer(), layer);
    }
    throw Unsupported.of(arch, name, "a " + vertex.getClass().getSimpleName());
  }

  private TorchOp layer(String name, org.deeplearning4j.nn.conf.layers.Layer conf, Layer layer) {
    if (conf.getIDropout() != null) {
      throw Unsupported.of(arch, name, "a layer with dropout");
    }
    if (conf instanceof BaseLayer b && b.getWeightNoise() != null) {
      throw Unsupported.of(arch, name, "a layer with weight noise");
    }
    if (conf instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
      requireCnn(name, c.getConvolutionMode(), c.getCnn2dDataFormat(), c.getDilation());
      return new ConvOp(name, layer, c, activation(name, c.getActivationFn()));
    }
    if (conf instanceof BatchNormalization bn) {
      if (bn.isLockGammaBeta() || bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
        throw Unsupported.of(arch, name, "a batch norm with locked gamma and beta or NHWC data");
      }
      return new BatchNormOp(name, layer, bn, activation(name, bn.getActivationFn()));
    }
    if (conf instanceof ActivationLayer a) {
      UnaryOperator<Tensor> f = activation(name, a.getActivationFn());
      return (in, pass) -> f.apply(in.get(0));
    }
    if (conf instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class
        && s.getPoolingType() == PoolingType.MAX) {
      requireCnn(name, s.getConvolutionMode(), s.getCnn2dDataFormat(), s.getDilation());
      long[] k = ConvOp.longs(s.getKernelSize());
      long[] st = ConvOp.longs(s.getStride());
      long[] p = ConvOp.longs(s.getPadding());
      return (in, pass) -> torch.max_pool2d(in.get(0), k, st, p, new long[] {1, 1}, false);
    }
    if (conf instanceof GlobalPoolingLayer g && g.getPoolingType() == PoolingType.AVG && g.isCollapseDimensions()
        && (g.getPoolingDimensions() == null || java.util.Arrays.equals(g.getPoolingDimensions(), new int[] {2, 3}))) {
      return (in, pass) -> in.get(0).mean(new long[] {2, 3}, false, new ScalarTypeOptional());
    }
    if (conf instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax
        && o.getLossFn() instanceof LossMCXENT loss) {
      return new OutputOp(name, layer, o.hasBias(), loss.getWeights());
    }
    throw Unsupported.of(arch, name, "a " + conf.getClass().getSimpleName()
        + (conf instanceof BaseLayer b ? " with activation " + b.getActivationFn() : ""));
  }

  private UnaryOperator<Tensor> activation(String name, IActivation a) {
    UnaryOperator<Tensor> f = Activations.of(a);
    if (f == null) {
      throw Unsupported.of(arch, name, "a layer with activation " + a);
    }
    return f;
  }

  private void requireCnn(String name, ConvolutionMode mode, CNN2DFormat format, int[] dilation) {
    if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict) {
      throw Unsupported.of(arch, name, "a layer in ConvolutionMode." + mode);
    }
    if (format != CNN2DFormat.NCHW) {
      throw Unsupported.of(arch, name, "a layer on " + format + " data (only NCHW is)");
    }
    if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
      throw Unsupported.of(arch, name, "a dilated layer");
    }
  }
}
