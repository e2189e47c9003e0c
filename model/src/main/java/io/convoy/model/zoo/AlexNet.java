package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * AlexNet (Krizhevsky et al. 2012) as a single tower: the paper's layer sizes (96, 256, 384, 384,
 * 256 maps; 4096, 4096 units) without the two-GPU grouping, so every conv sees all input maps.
 * Conv1 is 11x11 stride 4 with padding 2 so that 224x224 gives the paper's 55x55 (the paper's
 * 224 only works as 227 without padding). LRN after conv1 and conv2, or batch norm after every
 * conv when {@code model.batch-norm = true}. Dropout (0.5 by default) on the inputs of the last
 * two dense layers, as in the paper. 62,378,344 parameters at 224x224x3 and 1000 classes.
 */
final class AlexNet implements Architecture {
  @Override
  public String name() {
    return "alexnet";
  }

  @Override
  public int minInputSize(Knobs knobs) {
    return 63; // conv1 gives 15, then three 3x3/2 poolings reach 1x1
  }

  @Override
  public NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs) {
    StackBlocks s = new StackBlocks(base, knobs).conv(96, 11, 4, 2);
    if (!knobs.batchNorm()) {
      s.lrn();
    }
    s.pool(3, 2, 0).conv(256, 5, 1, 2);
    if (!knobs.batchNorm()) {
      s.lrn();
    }
    return s.pool(3, 2, 0)
        .conv(384, 3, 1, 1).conv(384, 3, 1, 1).conv(256, 3, 1, 1).pool(3, 2, 0)
        .dense(4096, 0)
        .dense(4096, knobs.dropout())
        .output(classes, input);
  }
}
