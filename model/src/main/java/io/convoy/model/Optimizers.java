package io.convoy.model;

import io.convoy.conf.OptimizerConfig;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Optimizer configurations to DL4J updaters. */
final class Optimizers {
  private Optimizers() {}

  static IUpdater updater(OptimizerConfig o) {
    return switch (o.name()) {
      case SGD -> new Sgd(o.lr());
      case NESTEROV -> new Nesterovs(o.lr(), o.momentum());
      case ADAM -> new Adam(o.lr(), o.momentum(), Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
      case RMSPROP -> new RmsProp(o.lr(), o.momentum(), RmsProp.DEFAULT_RMSPROP_EPSILON);
    };
  }
}
