package io.convoy.torch;

import io.convoy.model.GradientBackend;
import io.convoy.model.GradientEngine;
import io.convoy.torch.ops.Unsupported;
import org.deeplearning4j.nn.api.NeuralNetwork;

/** {@code model.backend = libtorch}, found by convoy-model through ServiceLoader. */
public final class LibtorchBackend implements GradientBackend {
  @Override
  public String name() {
    return "libtorch";
  }

  @Override
  public String supports() {
    return Unsupported.SUPPORTS;
  }

  @Override
  public GradientEngine engine(String arch, NeuralNetwork network) {
    return new TorchGradientEngine(TorchNetwork.of(arch, network));
  }
}
