package io.convoy.model.optim;

import io.convoy.conf.OptimizerConfig;
import io.convoy.model.HeavyBallMomentum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Optimizer configurations to DL4J updaters and gradient normalization. */
public final class Optimizers {
  private Optimizers() {}

  /**
   * The updater with a fixed rate {@code lr}: {@code Replica} sets the scheduled rate on the live
   * updaters before every step, so model.zip holds DL4J's own updaters (and no custom schedule).
   */
  public static IUpdater updater(OptimizerConfig o, double lr) {
    return switch (o.name()) {
      case SGD -> new Sgd(lr);
      case MOMENTUM -> new HeavyBallMomentum(lr, o.momentum());
      case NESTEROV -> new Nesterovs(lr, o.momentum());
      case ADAM -> new Adam(lr, o.momentum(), Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
      case RMSPROP -> new RmsProp(lr, o.momentum(), RmsProp.DEFAULT_RMSPROP_EPSILON);
    };
  }

  public static GradientNormalization clipping(OptimizerConfig o) {
    return switch (o.clipping().mode()) {
      case NONE -> GradientNormalization.None;
      case VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
      case NORM -> GradientNormalization.ClipL2PerLayer;
    };
  }

  /**
   * The distinct updater configurations with a learning rate of all the layers' parameters.
   * DL4J's gradient updaters keep a reference to exactly these objects and read the rate from
   * them at every step.
   */
  public static List<IUpdater> updaterConfigs(List<? extends Trainable> layers) {
    Set<IUpdater> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<IUpdater> result = new ArrayList<>();
    for (Trainable layer : layers) {
      if (layer.getConfig() == null) {
        continue;
      }
      for (String param : layer.paramTable(false).keySet()) {
        IUpdater u = layer.getConfig().getUpdaterByParam(param);
        if (u != null && u.hasLearningRate() && seen.add(u)) {
          result.add(u);
        }
      }
    }
    return result;
  }
}
