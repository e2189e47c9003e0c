package io.convoy.model.zoo;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigProblem;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.ArchitectureName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.NetworkConfig;
import io.convoy.model.optim.LearningRateSchedule;
import io.convoy.model.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** The architectures by name, and the one place a {@link ModelSpec} becomes a DL4J configuration. */
public final class ModelZoo {
  private static final Map<String, Architecture> ARCHITECTURES = Stream.of(ArchitectureName.values())
      .map(ModelZoo::build)
      .collect(Collectors.toUnmodifiableMap(Architecture::name, Function.identity()));

  private ModelZoo() {}

  /** The network of each architecture conf names: exhaustive, so a name without a network does not compile. */
  private static Architecture build(ArchitectureName name) {
    Architecture arch = switch (name) {
      case SIMPLE_CNN -> new SimpleCnn();
      case LENET -> LeNetFamily.LENET;
      case LENET5 -> LeNetFamily.LENET5;
      case ALEXNET -> new AlexNet();
      case VGG11 -> Vgg.vgg11();
      case VGG13 -> Vgg.vgg13();
      case VGG16 -> Vgg.vgg16();
      case VGG19 -> Vgg.vgg19();
      case RESNET18 -> ResNet.resnet18();
      case RESNET34 -> ResNet.resnet34();
      case RESNET50 -> ResNet.resnet50();
      case RESNET101 -> ResNet.resnet101();
      case RESNET20 -> ResNet.cifar(20);
      case RESNET32 -> ResNet.cifar(32);
      case RESNET56 -> ResNet.cifar(56);
      case GOOGLENET -> new GoogLeNet();
    };
    if (!arch.name().equals(name.configName())) {
      throw new IllegalStateException(name + " builds " + arch.name());
    }
    return arch;
  }

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
  public static NetworkConfig configuration(ModelSpec spec, long seed) {
    return configuration(spec, seed, DataType.FLOAT);
  }

  /** The same, computing in {@code dataType} (tests compare float with double gradients). */
  public static NetworkConfig configuration(ModelSpec spec, long seed, DataType dataType) {
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
        .gradientNormalizationThreshold(o.clipping().threshold())
        // Keeps each convolution's output from the forward pass for its backward pass: without it
        // DL4J's ConvolutionLayer.backpropGradient runs the forward convolution again (about a
        // third of a ResNet's convolution time). Stored in the saved configuration; plain DL4J
        // reads it.
        .cacheMode(CacheMode.DEVICE);
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
    return new Knobs(model, arch.facts().batchNormByDefault(), arch.facts().defaultDropout());
  }

  /** The combinations configuration rejects (the same check), again for specs built in code; and the input size. */
  private static void check(Architecture arch, Knobs knobs, ModelSpec spec) {
    List<ConfigProblem> problems = new ArrayList<>(spec.model().problems());
    String name = arch.name();
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
