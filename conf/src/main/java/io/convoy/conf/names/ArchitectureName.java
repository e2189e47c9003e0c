package io.convoy.conf.names;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The architectures {@code model.arch} names, with the facts about each that configuration
 * checks and the model zoo builds on: whether batch norm is part of its definition, whether it
 * fixes its own pooling, whether it has auxiliary classifiers, and its dropout when
 * {@code model.dropout} is auto. The model module builds one network per constant (an exhaustive
 * switch, so the two cannot drift apart) and reads these facts from here.
 */
public enum ArchitectureName implements ConfigName {
  SIMPLE_CNN("simple-cnn", false, false, false, 0),
  LENET("lenet", false, false, false, 0),
  LENET5("lenet5", false, false, false, 0),
  ALEXNET("alexnet", false, false, false, 0.5),
  VGG11("vgg11", false, false, false, 0.5),
  VGG13("vgg13", false, false, false, 0.5),
  VGG16("vgg16", false, false, false, 0.5),
  VGG19("vgg19", false, false, false, 0.5),
  RESNET18("resnet18", true, true, false, 0),
  RESNET34("resnet34", true, true, false, 0),
  RESNET50("resnet50", true, true, false, 0),
  RESNET101("resnet101", true, true, false, 0),
  RESNET20("resnet20", true, true, false, 0),
  RESNET32("resnet32", true, true, false, 0),
  RESNET56("resnet56", true, true, false, 0),
  GOOGLENET("googlenet", false, true, true, 0.4);

  private final String configName;
  private final boolean batchNormRequired;
  private final boolean poolingFixed;
  private final boolean auxClassifiers;
  private final double defaultDropout;

  ArchitectureName(String configName, boolean batchNormRequired, boolean poolingFixed, boolean auxClassifiers,
      double defaultDropout) {
    this.configName = configName;
    this.batchNormRequired = batchNormRequired;
    this.poolingFixed = poolingFixed;
    this.auxClassifiers = auxClassifiers;
    this.defaultDropout = defaultDropout;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** Defined with batch normalization, which cannot be turned off (and is on when auto). */
  public boolean batchNormRequired() {
    return batchNormRequired;
  }

  /** Batch norm when {@code model.batch-norm} is auto. */
  public boolean batchNormByDefault() {
    return batchNormRequired;
  }

  /** Defines its own pooling: {@code model.pooling} must be auto. */
  public boolean poolingFixed() {
    return poolingFixed;
  }

  /** Has auxiliary classifiers ({@code model.aux-classifiers} may be true). */
  public boolean auxClassifiers() {
    return auxClassifiers;
  }

  /** Dropout rate when {@code model.dropout} is auto. */
  public double defaultDropout() {
    return defaultDropout;
  }

  /** Every name, in documentation order. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(ArchitectureName::configName).toList();
  }

  /** The architecture named {@code name}, or null. */
  public static ArchitectureName of(String name) {
    return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst().orElse(null);
  }

  /** The names of the architectures {@code which} accepts, comma-separated (for error messages). */
  public static String names(Predicate<ArchitectureName> which) {
    return String.join(", ", Arrays.stream(values()).filter(which).map(ArchitectureName::configName).toList());
  }
}
