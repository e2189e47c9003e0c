package io.convoy.model;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigProblem;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.PoolingName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** The architectures by name, and the one place a {@link ModelSpec} becomes a DL4J configuration. */
public final class ModelZoo {
  private static final Map<String, Architecture> ARCHITECTURES = Stream.of(
          new SimpleCnn(), LeNetFamily.LENET, LeNetFamily.LENET5, new AlexNet(),
          Vgg.vgg11(), Vgg.vgg13(), Vgg.vgg16(), Vgg.vgg19(),
          ResNet.resnet18(), ResNet.resnet34(), ResNet.resnet50(), ResNet.resnet101(),
          ResNet.cifar(20), ResNet.cifar(32), ResNet.cifar(56), new GoogLeNet())
      .collect(Collectors.toUnmodifiableMap(Architecture::name, Function.identity()));

  private ModelZoo() {}

  /** Names of every architecture, as {@code model.arch} accepts them. */
  public static List<String> names() {
    return ARCHITECTURES.keySet().stream().sorted().toList();
  }

  /**
   * The DL4J configuration of {@code spec}. The seed is stored in the configuration only:
   * unlike DL4J's {@code Builder.seed()}, building it leaves every RNG alone.
   *
   * @throws ConfigException for an unknown architecture, a knob it does not allow, or an input
   *     too small for it
   */
  static NetworkConfig configuration(ModelSpec spec, long seed) {
    return configuration(spec, seed, DataType.FLOAT);
  }

  static NetworkConfig configuration(ModelSpec spec, long seed, DataType dataType) {
    Architecture arch = architecture(spec.arch());
    Knobs knobs = knobs(arch, spec.model());
    check(arch, knobs, spec);
    OptimizerConfig o = spec.optimizer();
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .dataType(dataType)
        .weightInit(knobs.weightInit())
        .activation(knobs.activation())
        .updater(Optimizers.updater(o, new LearningRateSchedule(o, spec.plan()).at(0)))
        .l2(o.weightDecay())
        .l1(o.l1())
        .gradientNormalization(Optimizers.clipping(o))
        .gradientNormalizationThreshold(o.clipping().threshold());
    NetworkConfig conf = arch.configure(base, spec.input(), spec.classes(), knobs);
    conf.setSeed(seed);
    return conf;
  }

  static Architecture architecture(String name) {
    Architecture arch = ARCHITECTURES.get(name);
    if (arch == null) {
      throw new ConfigException("model.arch", name, "one of " + String.join(", ", ModelConfig.ARCHITECTURES));
    }
    return arch;
  }

  static Knobs knobs(Architecture arch, ModelConfig model) {
    return new Knobs(model, arch.batchNormByDefault(), arch.defaultDropout());
  }

  /** The combinations ConfigBinder rejects, checked again for specs built in code. */
  private static void check(Architecture arch, Knobs knobs, ModelSpec spec) {
    List<ConfigProblem> problems = new ArrayList<>();
    ModelConfig m = spec.model();
    String name = arch.name();
    if (Boolean.FALSE.equals(m.batchNorm()) && ModelConfig.BATCH_NORM_REQUIRED.contains(name)) {
      problems.add(new ConfigProblem("model.batch-norm", "false with model.arch = " + name, "auto or true"));
    }
    if (m.pooling() != PoolingName.AUTO && ModelConfig.POOLING_FIXED.contains(name)) {
      problems.add(new ConfigProblem("model.pooling", m.pooling().configName() + " with model.arch = " + name,
          "auto"));
    }
    if (m.auxClassifiers() && !ModelConfig.WITH_AUX_CLASSIFIERS.contains(name)) {
      problems.add(new ConfigProblem("model.aux-classifiers", "true with model.arch = " + name,
          "false; auxiliary classifiers exist for " + String.join(", ", ModelConfig.WITH_AUX_CLASSIFIERS)));
    }
    int min = arch.minInputSize(knobs);
    InputShape in = spec.input();
    if (in.height() < min || in.width() < min) {
      problems.add(new ConfigProblem("data.image-size", in.height() + "x" + in.width() + " for " + name
          + (knobs.auxClassifiers() ? " with aux-classifiers" : ""), "at least " + min + " pixels"));
    }
    if (spec.classes() < 1) {
      problems.add(new ConfigProblem("model.classes", String.valueOf(spec.classes()), "at least 1 output"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
