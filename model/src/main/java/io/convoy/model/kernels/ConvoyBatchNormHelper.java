package io.convoy.model.kernels;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm for one DL4J {@code BatchNormalization} layer (float, NCHW, learned gamma and beta)
 * in two passes over the data each way: statistics then normalization forward, gradient sums
 * then the input gradient backward (see {@link PlaneKernels}). DL4J's own oneDNN helper spends
 * as long as all convolutions do: ND4J's generic variance reduction, and a libnd4j backward that
 * adds eight generic passes to oneDNN's.
 *
 * <p>The contract is DL4J's: the layer passes gamma, beta and the running statistics, and
 * afterwards updates the running mean and variance itself from {@link #getMeanCache} and
 * {@link #getVarCache}, the last training batch's mean and biased variance, exactly as on its
 * built-in path. Rank-2 input (batch norm after a dense layer) arrives as {@code [n, c, 1, 1]}.
 *
 * <p>Inference (running statistics, no reduction) stays with the helper DL4J chose for the layer,
 * or its built-in path where it chose none, so that replicas predict bit for bit what the saved
 * model predicts in plain DL4J. One instance per layer; not thread-safe, like the layer.
 */
final class ConvoyBatchNormHelper implements BatchNormalizationHelper {
  /** Per part of a parallel pass: heap buffers and per-channel partial sums. */
  private static final class Scratch {
    float[] x = new float[0];
    float[] dy = new float[0];
    double[] sum = new double[0];
    double[] sum2 = new double[0];

    void prepare(int floats, int channels) {
      if (x.length < floats) {
        x = new float[floats];
        dy = new float[floats];
      }
      if (sum.length != channels) {
        sum = new double[channels];
        sum2 = new double[channels];
      } else {
        Arrays.fill(sum, 0);
        Arrays.fill(sum2, 0);
      }
    }
  }

  /** DL4J's own helper for this layer (oneDNN where enabled), or null for its built-in path. */
  private final BatchNormalizationHelper dl4jHelper;
  private final Scratch[] scratch;
  /** The last training batch's per-channel mean and biased variance, as floats and as arrays. */
  private float[] batchMean = new float[0];
  private float[] batchVar = new float[0];
  private INDArray meanCache;
  private INDArray varCache;

  ConvoyBatchNormHelper(BatchNormalizationHelper dl4jHelper) {
    this.dl4jHelper = dl4jHelper;
    scratch = new Scratch[Math.max(1, Runtime.getRuntime().availableProcessors())];
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = new Scratch();
    }
  }

  @Override
  public boolean checkSupported(double eps, boolean fixedGammaBeta) {
    return !fixedGammaBeta;
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Collections.emptyMap();
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return meanCache;
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return varCache;
  }

  @Override
  public INDArray preOutput(INDArray input, boolean training, long[] shape, INDArray gamma, INDArray beta,
      INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!training) {
      return dl4jHelper == null ? null : dl4jHelper.preOutput(input, false, shape, gamma, beta, globalMean,
          globalVar, decay, eps, format, workspaceMgr);
    }
    if (!handles(input, format)) {
      return null;
    }
    INDArray x = NativeFloats.dense(input);
    int c = (int) x.size(1);
    float[] mean = new float[c];
    float[] var = new float[c];
    statistics(x, mean, var);
    keepBatchStatistics(mean, var);
    float[] g = new float[c];
    float[] b = new float[c];
    NativeFloats.read(gamma, g);
    NativeFloats.read(beta, b);
    float[] scale = new float[c];
    for (int ch = 0; ch < c; ch++) {
      scale[ch] = (float) (g[ch] / Math.sqrt((double) var[ch] + eps));
    }
    INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
    int hw = planeSize(x);
    int planes = (int) (x.length() / hw);
    int parts = prepare(planes, hw, c);
    PlaneTasks.run(planes, parts, (part, from, to) -> PlaneKernels.affine(NativeFloats.pointer(x),
        NativeFloats.pointer(y), c, hw, from, to, mean, scale, b, scratch[part].x));
    return y;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
      INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!handles(input, format) || epsilon.dataType() != DataType.FLOAT) {
      return null;
    }
    INDArray x = NativeFloats.dense(input);
    INDArray dy = NativeFloats.dense(epsilon);
    int c = (int) x.size(1);
    if (batchMean.length != c) {
      // No training forward pass came first (DL4J always runs one): take this batch's statistics.
      float[] mean = new float[c];
      float[] var = new float[c];
      statistics(x, mean, var);
      keepBatchStatistics(mean, var);
    }
    float[] mean = batchMean;
    int hw = planeSize(x);
    int planes = (int) (x.length() / hw);
    int parts = prepare(planes, hw, c);
    PlaneTasks.run(planes, parts, (part, from, to) -> PlaneKernels.gradientSums(NativeFloats.pointer(x),
        NativeFloats.pointer(dy), c, hw, from, to, mean, scratch[part].sum, scratch[part].sum2, scratch[part].x,
        scratch[part].dy));
    double[] sumDy = new double[c];
    double[] sumDyXmu = new double[c];
    for (int k = 0; k < parts; k++) {
      for (int ch = 0; ch < c; ch++) {
        sumDy[ch] += scratch[k].sum[ch];
        sumDyXmu[ch] += scratch[k].sum2[ch];
      }
    }
    float[] g = new float[c];
    NativeFloats.read(gamma, g);
    double count = (double) planes / c * hw;
    float[] dGamma = new float[c];
    float[] dBeta = new float[c];
    float[] dyScale = new float[c];
    float[] xScale = new float[c];
    float[] offset = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double invStd = 1 / Math.sqrt((double) batchVar[ch] + eps);
      double dg = sumDyXmu[ch] * invStd;
      dGamma[ch] = (float) dg;
      dBeta[ch] = (float) sumDy[ch];
      // dx = gamma * invStd * (dy - dBeta / count - xHat * dGamma / count), xHat = (x - mean) * invStd
      dyScale[ch] = (float) (g[ch] * invStd);
      xScale[ch] = (float) (-g[ch] * invStd * invStd * dg / count);
      offset[ch] = (float) (-g[ch] * invStd * sumDy[ch] / count);
    }
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
    PlaneTasks.run(planes, parts, (part, from, to) -> PlaneKernels.inputGradient(NativeFloats.pointer(x),
        NativeFloats.pointer(dy), NativeFloats.pointer(dx), c, hw, from, to, mean, dyScale, xScale, offset,
        scratch[part].x, scratch[part].dy));
    NativeFloats.write(dGamma, dGammaView);
    NativeFloats.write(dBeta, dBetaView);
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(gradient, dx);
  }

  /** Float NCHW input of rank 4; anything else takes DL4J's built-in path. */
  private static boolean handles(INDArray input, CNN2DFormat format) {
    return input.rank() == 4 && input.dataType() == DataType.FLOAT && format == CNN2DFormat.NCHW;
  }

  private static int planeSize(INDArray x) {
    return (int) (x.size(2) * x.size(3));
  }

  /** Parts for a pass over this data, with their buffers ready. */
  private int prepare(int planes, int hw, int c) {
    int parts = PlaneTasks.parts(planes, hw, scratch.length);
    int floats = PlaneKernels.planesPerChunk(hw) * hw;
    for (int k = 0; k < parts; k++) {
      scratch[k].prepare(floats, c);
    }
    return parts;
  }

  /** Per-channel mean and biased variance of {@code x}, from sums shifted by one sample per channel. */
  private void statistics(INDArray x, float[] mean, float[] var) {
    int c = mean.length;
    int hw = planeSize(x);
    int planes = (int) (x.length() / hw);
    float[] shift = new float[c];
    FloatPointer first = NativeFloats.pointer(x);
    for (int ch = 0; ch < c; ch++) {
      shift[ch] = first.get((long) ch * hw);
    }
    int parts = prepare(planes, hw, c);
    PlaneTasks.run(planes, parts, (part, from, to) -> PlaneKernels.shiftedSums(NativeFloats.pointer(x), c, hw,
        from, to, shift, scratch[part].sum, scratch[part].sum2, scratch[part].x));
    double count = (double) planes / c * hw;
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      double s2 = 0;
      for (int k = 0; k < parts; k++) {
        s += scratch[k].sum[ch];
        s2 += scratch[k].sum2[ch];
      }
      double shiftedMean = s / count;
      mean[ch] = (float) (shift[ch] + shiftedMean);
      var[ch] = (float) Math.max(0, s2 / count - shiftedMean * shiftedMean);
    }
  }

  private void keepBatchStatistics(float[] mean, float[] var) {
    if (meanCache == null || meanCache.length() != mean.length) {
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        meanCache = Nd4j.createUninitialized(DataType.FLOAT, mean.length);
        varCache = Nd4j.createUninitialized(DataType.FLOAT, mean.length);
      }
    }
    batchMean = mean;
    batchVar = var;
    NativeFloats.write(mean, meanCache);
    NativeFloats.write(var, varCache);
  }
}
