package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.BackendName;
import io.convoy.conf.ConfigException;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An architecture the libtorch backend cannot replay exactly fails at once, saying why and what it supports. */
class UnsupportedTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "lenet, 28, a layer stack",             // MultiLayerNetwork: not a graph
      "vgg16, 32, a layer stack",
      "googlenet, 64, LocalResponseNormalization",  // a graph with a layer libtorch does not replay
  })
  void namesTheArchitectureTheLayerAndWhatIsSupported(String arch, int size, String why) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Replica.initialize(Fixtures.spec(arch, size, 3, BackendName.LIBTORCH), 1));
    String m = e.getMessage();
    assertTrue(m.contains("model.backend") && m.contains(arch) && m.contains(why) && m.contains("resnet20")
        && m.contains("dl4j"), m);
  }

  /** A ResNet with a setting libtorch would not reproduce exactly: dropout before the classifier. */
  @Test
  void namesTheLayerOfASettingItCannotReproduce() {
    ModelSpec s = Fixtures.spec("resnet20", 8, 3, BackendName.LIBTORCH);
    ModelSpec dropout = new ModelSpec(s.model().withDropout(0.5), s.input(), s.classes(), s.optimizer(), s.plan());
    String m = assertThrows(ConfigException.class, () -> Replica.initialize(dropout, 1)).getMessage();
    assertTrue(m.contains("resnet20") && m.contains("'output'") && m.contains("dropout"), m);
  }
}
