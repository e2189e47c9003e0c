package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A layer whose input DL4J drops in training ({@code dropOut(p)}, org.deeplearning4j.nn.conf.dropout.Dropout):
 * each input kept with probability p (DL4J's p is the probability of keeping, not of dropping) and
 * scaled by 1/p, inverted dropout, so the expected input is unchanged; an inference pass drops
 * nothing. The masks come from libtorch's generator of the network (see {@link LayerOps}), not from
 * ND4J's: they differ from those DL4J would draw, with the same distribution.
 */
final class DropoutOp implements TorchOp {
  private final double keep;
  private final Generator generator;
  private final TorchOp layer;

  DropoutOp(double keep, Generator generator, TorchOp layer) {
    this.keep = keep;
    this.generator = generator;
    this.layer = layer;
  }

  @Override
  public Tensor apply(List<Tensor> inputs, Pass pass) {
    if (!pass.training()) {
      return layer.apply(inputs, pass);
    }
    Tensor x = inputs.get(0);
    // a constant of the pass: bernoulli has no gradient, and the mask needs none
    Tensor mask = torch.bernoulli(x.detach(), keep, new GeneratorOptional(generator));
    return layer.apply(List.of(x.mul(mask).div(new Scalar(keep))), pass);
  }

  /** The layer whose input it drops. */
  TorchOp layer() {
    return layer;
  }
}
