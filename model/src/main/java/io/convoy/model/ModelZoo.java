package io.convoy.model;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

/** The architectures by name, and the one place a {@link ModelSpec} becomes a DL4J configuration. */
public final class ModelZoo {
  private static final Map<String, Architecture> ARCHITECTURES = List.of(new SimpleCnn(), new LeNet())
      .stream().collect(Collectors.toUnmodifiableMap(Architecture::name, Function.identity()));

  private ModelZoo() {}

  /** Names of every architecture, as {@code model.arch} accepts them. */
  public static List<String> names() {
    return ARCHITECTURES.keySet().stream().sorted().toList();
  }

  /**
   * The DL4J configuration of {@code spec}. The seed is stored in the configuration only:
   * unlike DL4J's {@code Builder.seed()}, building it leaves every RNG alone.
   */
  static MultiLayerConfiguration configuration(ModelSpec spec, long seed) {
    Architecture arch = ARCHITECTURES.get(spec.arch());
    if (arch == null) {
      throw new ConfigException("model.arch", spec.arch(), "one of " + String.join(", ", ModelConfig.ARCHITECTURES));
    }
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER)
        .updater(Optimizers.updater(spec.optimizer()))
        .l2(spec.optimizer().weightDecay());
    MultiLayerConfiguration conf = arch.configure(base, spec.input(), spec.classes());
    conf.getConfs().forEach(c -> c.setSeed(seed));
    return conf;
  }
}
