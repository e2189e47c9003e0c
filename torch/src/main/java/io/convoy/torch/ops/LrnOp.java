package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;

/**
 * DL4J's LocalResponseNormalization (DL4J's own layer code: M2 creates no oneDNN helper for it, its
 * constructor is not found), across channels:
 *
 * <pre>
 * s_c = k + alpha * sum over j in [c - r, c + r] of x_j^2,   r = floor(n / 2)
 * y_c = x_c * s_c^-beta
 * </pre>
 *
 * alpha is not divided by n (cuDNN and torch's LocalResponseNorm divide it), and an even n still
 * spans 2r + 1 channels. DL4J's backward pass is not the exact gradient of that: it takes
 * {@code dx_m = dy_m s_m^-beta - 2 alpha beta x_m / s_m * sum over i in [m - r, m + r] of dy_i y_i},
 * with s_m where the exact gradient has s_i inside the sum. This op gives DL4J's: y plus a term
 * that is zero in value and whose gradient is DL4J's second term (the window is symmetric, so the
 * i whose window holds m are the window of m):
 *
 * <pre>
 * y + (q - detach(q)) * (-beta) * detach(y),   q_i = sum over j in [i - r, i + r] of alpha x_j^2 / detach(s_j)
 * </pre>
 */
final class LrnOp implements TorchOp {
  private final double k;
  private final double alpha;
  private final double beta;
  private final long radius;

  LrnOp(LocalResponseNormalization conf) {
    this.k = conf.getK();
    this.alpha = conf.getAlpha();
    this.beta = conf.getBeta();
    this.radius = (long) conf.getN() / 2; // as DL4J: (int) n / 2
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    Tensor x = inputs.get(0);
    Tensor s = acrossChannels(x.mul(x)).mul(new Scalar(alpha)).add(new Scalar(k)).detach();
    Tensor y = x.mul(s.pow(new Scalar(-beta)));
    Tensor q = acrossChannels(x.mul(x).mul(new Scalar(alpha)).div(s));
    return y.add(q.sub(q.detach()).mul(y.detach()).mul(new Scalar(-beta)));
  }

  /** {@code sum over j in [c - r, c + r] of v_j} for each channel c of NCHW {@code v}, zero beyond the ends. */
  private Tensor acrossChannels(Tensor v) {
    long channels = v.size(1);
    Tensor padded = torch.constant_pad_nd(v, new long[] {0, 0, 0, 0, radius, radius}, new Scalar(0.0));
    Tensor sum = padded.narrow(1, 0, channels);
    for (long d = 1; d <= 2 * radius; d++) {
      sum = sum.add(padded.narrow(1, d, channels));
    }
    return sum;
  }
}
