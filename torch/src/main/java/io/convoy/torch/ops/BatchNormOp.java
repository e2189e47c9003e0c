package io.convoy.torch.ops;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * DL4J's BatchNormalization in training mode: normalized with the batch's mean and biased variance
 * per channel (over N, H, W of a convolution's output; over N of a dense layer's [N, C]), then
 * gamma and beta. DL4J keeps the running statistics among the parameters and
 * moves them through the gradient view, not through autograd (M2.1's BatchNormalization.backpropGradient):
 * the "mean" entry is (running - batch mean) (1 - decay), and with log10stdev the entry is
 * ln(v / (decay v + (1 - decay) batch variance)) / (2 ln 10), v = (10^log10stdev)^2; with a
 * plain variance parameter (running - batch variance) (1 - decay). The updater subtracts them
 * undivided, which gives the decayed running averages. In inference mode it normalizes with the
 * running mean and variance (the variance (10^log10stdev)^2 with log10stdev), plus eps.
 */
final class BatchNormOp implements TorchOp {
  private static final double ONE_ON_2LOGE_10 = 1 / (2 * Math.log(10));

  private final String name;
  private final Layer layer;
  private final long channels;
  private final double decay;
  private final double eps;
  private final boolean logStd;
  private final UnaryOperator<Tensor> activation;

  BatchNormOp(String name, Layer layer, BatchNormalization conf, UnaryOperator<Tensor> activation) {
    this.name = name;
    this.layer = layer;
    this.channels = layer.getParam("gamma").length();
    this.decay = conf.getDecay();
    this.eps = conf.getEps();
    this.logStd = conf.isUseLogStd();
    this.activation = activation;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor gamma = pass.param(name, "gamma", layer.getParam("gamma"), channels);
    Tensor beta = pass.param(name, "beta", layer.getParam("beta"), channels);
    if (!pass.training()) {
      Tensor runningMean = TorchViews.of(layer.getParam("mean"), channels);
      Tensor out = torch.batch_norm(inputs.get(0), new TensorOptional(gamma), new TensorOptional(beta),
          new TensorOptional(runningMean), new TensorOptional(runningVariance()), false, 0.0, eps, false);
      return activation.apply(out);
    }
    // native_batch_norm hands back the batch mean and 1 / sqrt(var + eps) it normalized with;
    // the momentum argument is unused without running-statistics tensors.
    T_TensorTensorTensor_T out = torch.native_batch_norm(inputs.get(0), new TensorOptional(gamma),
        new TensorOptional(beta), new TensorOptional(), new TensorOptional(), true, 0.0, eps);
    Tensor meanEntries = pass.entries(name, "mean", channels);
    if (meanEntries != null) {
      writeStatistics(pass, meanEntries, out.get1().detach(), out.get2().detach());
    }
    return activation.apply(out.get0());
  }

  /** The running variance DL4J normalizes with in inference mode. */
  private Tensor runningVariance() {
    if (!logStd) {
      return TorchViews.of(layer.getParam("var"), channels);
    }
    return torch.pow(new Scalar(10.0), TorchViews.of(layer.getParam("log10stdev"), channels).mul(new Scalar(2.0)));
  }

  private void writeStatistics(Pass pass, Tensor meanEntries, Tensor batchMean, Tensor invStd) {
    Tensor runningMean = TorchViews.of(layer.getParam("mean"), channels);
    meanEntries.copy_(runningMean.sub(batchMean).mul(new Scalar(1 - decay)));
    Tensor batchVar = invStd.pow(new Scalar(-2.0)).sub(new Scalar(eps));
    if (logStd) {
      Tensor v = torch.pow(new Scalar(10.0), TorchViews.of(layer.getParam("log10stdev"), channels).mul(new Scalar(2.0)));
      Tensor next = v.mul(new Scalar(decay)).add(batchVar.mul(new Scalar(1 - decay)));
      pass.entries(name, "log10stdev", channels).copy_(v.div(next).log().mul(new Scalar(ONE_ON_2LOGE_10)));
    } else {
      Tensor runningVar = TorchViews.of(layer.getParam("var"), channels);
      pass.entries(name, "var", channels).copy_(runningVar.sub(batchVar).mul(new Scalar(1 - decay)));
    }
  }
}
