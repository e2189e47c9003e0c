package io.convoy.torch.ops;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** DL4J's hidden-layer activations (those {@code model.activation} offers) as libtorch functions. */
final class Activations {
  private Activations() {}

  /** The function, or null where DL4J's activation has no exact libtorch counterpart here. */
  static UnaryOperator<Tensor> of(IActivation a) {
    if (a instanceof ActivationIdentity) {
      return x -> x;
    }
    if (a instanceof ActivationReLU r) {
      // DL4J's relu with a cap, threshold or leak is another function
      boolean plain = zeroOrNull(r.getMax()) && zeroOrNull(r.getThreshold()) && zeroOrNull(r.getNegativeSlope());
      return plain ? torch::relu : null;
    }
    // Scalars are made per call, inside the step's PointerScope like every other native object.
    if (a instanceof ActivationLReLU l) {
      double alpha = l.getAlpha();
      return x -> torch.leaky_relu(x, new Scalar(alpha));
    }
    if (a instanceof ActivationELU e) {
      double alpha = e.getAlpha();
      return x -> torch.elu(x, new Scalar(alpha), new Scalar(1.0), new Scalar(1.0));
    }
    if (a instanceof ActivationSoftPlus) {
      return torch::softplus;
    }
    if (a instanceof ActivationSoftSign) {
      return x -> x.div(x.abs().add(new Scalar(1.0)));
    }
    if (a instanceof ActivationTanH) {
      return torch::tanh;
    }
    if (a instanceof ActivationSigmoid) {
      return torch::sigmoid;
    }
    return null;
  }

  private static boolean zeroOrNull(Double d) {
    return d == null || d == 0;
  }
}
