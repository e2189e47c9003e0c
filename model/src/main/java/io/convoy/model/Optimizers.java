package io.convoy.model;

import io.convoy.conf.OptimizerConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Optimizer configurations to DL4J updaters and gradient normalization. */
final class Optimizers {
  private Optimizers() {}

  /**
   * The updater with a fixed rate {@code lr}: {@link Replica} sets the scheduled rate on the live
   * updaters before every step, so model.zip holds DL4J's own updaters (and no custom schedule).
   */
  static IUpdater updater(OptimizerConfig o, double lr) {
    return switch (o.name()) {
      case SGD -> new Sgd(lr);
      case MOMENTUM -> new HeavyBallMomentum(lr, o.momentum());
      case NESTEROV -> new Nesterovs(lr, o.momentum());
      case ADAM -> new Adam(lr, o.momentum(), Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
      case RMSPROP -> new RmsProp(lr, o.momentum(), RmsProp.DEFAULT_RMSPROP_EPSILON);
    };
  }

  static GradientNormalization clipping(OptimizerConfig o) {
    return switch (o.clipping().mode()) {
      case NONE -> GradientNormalization.None;
      case VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
      case NORM -> GradientNormalization.ClipL2PerLayer;
    };
  }
}
