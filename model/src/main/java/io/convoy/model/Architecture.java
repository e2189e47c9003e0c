package io.convoy.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/** One network family member: the layers it builds on top of convoy's shared settings. */
interface Architecture {
  String name();

  /** Batch norm when {@code model.batch-norm} is auto. */
  default boolean batchNormByDefault() {
    return false;
  }

  /** Dropout rate when {@code model.dropout} is auto. */
  default double defaultDropout() {
    return 0;
  }

  /** The smallest height and width (pixels) every layer accepts with {@code knobs}. */
  int minInputSize(Knobs knobs);

  /**
   * The network for {@code input} and {@code classes}, started from {@code base} (which carries
   * the updater, regularization, clipping, weight init and data type).
   */
  NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs);
}
