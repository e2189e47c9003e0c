package io.convoy.driver.common;

import io.convoy.conf.ConvoyConfig;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.TrainingPlan;

/** The one place a job's configuration becomes the specification of the network it trains. */
public final class ModelSpecs {
  private ModelSpecs() {}

  /**
   * The network a run trains: its configuration, the dataset's number of classes, and the
   * plan its learning-rate schedule counts in (replicas, epochs, optimizer steps per epoch).
   */
  public static ModelSpec of(ConvoyConfig config, int classes, int workers, int stepsPerEpoch) {
    int size = config.data().imageSize();
    return new ModelSpec(config.model(), new InputShape(size, size, config.data().channels()), classes,
        config.optimizer(), new TrainingPlan(workers, config.training().epochs(), stepsPerEpoch));
  }
}
