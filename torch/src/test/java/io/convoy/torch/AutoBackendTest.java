package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.LossName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.model.BackendChoice;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import org.junit.jupiter.api.Test;

/** {@code model.backend = auto} (the default) with libtorch on the class path, as in the application jar. */
class AutoBackendTest {
  private static ModelSpec spec(ModelConfig model) {
    return new ModelSpec(model, new InputShape(8, 8, 3), 2, new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0),
        TrainingPlan.SINGLE);
  }

  @Test
  void autoTrainsAResnetOnLibtorch() {
    ModelConfig resnet = new ModelConfig("resnet20", 2);
    assertEquals(BackendName.AUTO, resnet.backend());
    BackendChoice choice = Replica.initialize(spec(resnet), 1).backend();
    assertEquals(BackendName.LIBTORCH, choice.backend());
    assertTrue(choice.reason().contains("measured faster") && choice.reason().contains("resnet20"), choice.reason());
  }

  @Test
  void autoFallsBackToDl4jForANetworkLibtorchCannotReplayAndSaysWhy() {
    ModelConfig sigmoid = new ModelConfig("resnet20", 2).withLoss(LossName.BINARY_CROSS_ENTROPY);
    Replica replica = Replica.initialize(spec(sigmoid), 1);
    BackendChoice choice = replica.backend();
    assertEquals(BackendName.DL4J, choice.backend());
    assertTrue(choice.reason().contains("cannot train"), choice.reason());
    replica.fit(new float[2 * 8 * 8 * 3], new int[] {0, 1}, 2); // trains, on DL4J

    ConfigException named = assertThrows(ConfigException.class,
        () -> Replica.initialize(spec(sigmoid.withBackend(BackendName.LIBTORCH)), 1));
    assertTrue(named.getMessage().contains("model.backend"), named.getMessage());
  }
}
