package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.BackendName;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.OptimizerName;
import org.junit.jupiter.api.Test;

/** model.backend without its module: one configuration error saying what to put on the class path. */
class BackendsTest {
  @Test
  void libtorchWithoutConvoyTorchOnTheClassPathIsAConfigError() {
    ModelSpec spec = new ModelSpec(new ModelConfig("resnet20", 2).withBackend(BackendName.LIBTORCH),
        new InputShape(8, 8, 3), 2, new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0), TrainingPlan.SINGLE);
    ConfigException e = assertThrows(ConfigException.class, () -> Replica.initialize(spec, 1));
    assertTrue(e.getMessage().contains("model.backend") && e.getMessage().contains("convoy-torch"), e.getMessage());
  }
}
