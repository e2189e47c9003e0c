package io.convoy.model.zoo;

import io.convoy.conf.names.ArchitectureName;
import io.convoy.model.InputShape;
import io.convoy.model.NetworkConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * One network family member: the layers it builds on top of convoy's shared settings. What
 * configuration knows about it (batch norm, pooling, auxiliary classifiers, default dropout) is
 * in conf's {@link ArchitectureName}, the one home of those facts.
 */
interface Architecture {
  String name();

  /** The facts configuration checks, by this architecture's name. */
  default ArchitectureName facts() {
    return ArchitectureName.of(name());
  }

  /** The smallest height and width (pixels) every layer accepts with {@code knobs}. */
  int minInputSize(Knobs knobs);

  /**
   * The network for {@code input} and {@code classes}, started from {@code base} (which carries
   * the updater, regularization, clipping, weight init and data type).
   */
  NetworkConfig configure(NeuralNetConfiguration.Builder base, InputShape input, int classes, Knobs knobs);
}
