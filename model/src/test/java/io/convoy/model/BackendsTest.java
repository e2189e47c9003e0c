package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.OptimizerName;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * model.backend without its module (this module's tests never have convoy-torch on the class
 * path): libtorch named is one configuration error saying what to put there, auto trains on DL4J
 * saying why; inference needs DL4J only.
 */
class BackendsTest {
  private static final InputShape INPUT = new InputShape(8, 8, 3);

  private static ModelSpec spec(BackendName backend) {
    return new ModelSpec(new ModelConfig("resnet20", 2).withBackend(backend), INPUT, 2,
        new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0), TrainingPlan.SINGLE);
  }

  @Test
  void autoTrainsOnDl4jWithoutConvoyTorchAndSaysWhy() {
    BackendChoice resnet = Replica.initialize(spec(BackendName.AUTO), 1).backend();
    assertEquals(BackendName.DL4J, resnet.backend());
    assertTrue(resnet.reason().contains("auto") && resnet.reason().contains("not on the class path"), resnet.reason());
    ModelSpec lenet = new ModelSpec(new ModelConfig("lenet", 2), new InputShape(28, 28, 1), 2,
        new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0), TrainingPlan.SINGLE);
    assertEquals(BackendName.AUTO, lenet.model().backend(), "auto is the default");
    BackendChoice stack = Replica.initialize(lenet, 1).backend();
    assertEquals(BackendName.DL4J, stack.backend());
    assertTrue(stack.reason().contains("not measured faster") && stack.reason().contains("lenet"), stack.reason());
  }

  @Test
  void anExplicitBackendIsTheChoice() {
    BackendChoice dl4j = Replica.initialize(spec(BackendName.DL4J), 1).backend();
    assertEquals(new BackendChoice(BackendName.DL4J, "model.backend = dl4j"), dl4j);
    assertThrows(IllegalArgumentException.class, () -> new BackendChoice(BackendName.AUTO, "x"));
  }

  @Test
  void libtorchWithoutConvoyTorchOnTheClassPathIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> Replica.initialize(spec(BackendName.LIBTORCH), 1));
    assertTrue(e.getMessage().contains("model.backend") && e.getMessage().contains("convoy-torch"), e.getMessage());
  }

  @Test
  void aLibtorchModelPredictsAndSavesWithDl4jAloneAndOnlyTrainingNeedsTheBackend() throws Exception {
    Replica dl4j = Replica.initialize(spec(BackendName.DL4J), 5);
    Replica loaded = Replica.withParameters(spec(BackendName.LIBTORCH), dl4j.parameters());
    float[] x = new float[2 * INPUT.length()];
    Random rnd = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    assertArrayEquals(dl4j.predict(x, 2), loaded.predict(x, 2), 0f);
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    loaded.save(saved, false);
    assertTrue(saved.size() > 0);

    int[] y = {0, 1};
    ConfigException fit = assertThrows(ConfigException.class, () -> loaded.fit(x, y, 2));
    assertTrue(fit.getMessage().contains("convoy-torch"), fit.getMessage());
    assertThrows(ConfigException.class, () -> loaded.computeGradient(x, y, 2, new float[loaded.numParameters()]));
    assertThrows(ConfigException.class, () -> loaded.applyGradient(new float[loaded.numParameters()], 2));
    // inference still works after the refused training calls
    assertArrayEquals(dl4j.predict(x, 2), loaded.predict(x, 2), 0f);
  }
}
