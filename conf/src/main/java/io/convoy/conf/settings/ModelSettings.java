package io.convoy.conf.settings;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.WeightInitConfig;
import io.convoy.conf.names.ActivationName;
import io.convoy.conf.names.ArchitectureName;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.LossName;
import io.convoy.conf.names.PoolingName;
import io.convoy.conf.names.WeightInitName;
import java.util.List;

/** The {@code model} settings. */
final class ModelSettings {
  private ModelSettings() {}

  static final Setting<String> ARCH = Setting.of("model.arch", Kinds.oneOf(ArchitectureName.configNames()),
      ModelConfig.DEFAULTS.arch(), c -> c.model().arch(), "the network architecture");
  static final Setting<Integer> CLASSES = Setting.of("model.classes", Kinds.classes(), ModelConfig.DEFAULTS.classes(),
      c -> c.model().classes(), "number of classes, or auto (0) for the class folders of data.train");
  static final Setting<ActivationName> ACTIVATION = Setting.of("model.activation",
      Kinds.oneOf(ActivationName.class), ModelConfig.DEFAULTS.activation(), c -> c.model().activation(), "hidden-layer activation");
  static final Setting<Double> LEAKYRELU_ALPHA = Setting.of("model.leakyrelu-alpha",
      Kinds.number("a slope", 0, false, 1, false), ModelConfig.DEFAULTS.leakyReluAlpha(),
      c -> c.model().leakyReluAlpha(), "slope for negative inputs of leakyrelu");
  static final Setting<WeightInitName> WEIGHT_INIT = Setting.of("model.weight-init",
      Kinds.oneOf(WeightInitName.class), WeightInitConfig.DEFAULT.name(),
      c -> c.model().weightInit().name(), "weight initialization");
  static final Setting<Double> WEIGHT_INIT_RANGE = Setting.of("model.weight-init-range",
      Kinds.number("a half-width", 0, true, 10, false), WeightInitConfig.DEFAULT.range(),
      c -> c.model().weightInit().range(), "half-width of weight-init = uniform");
  static final Setting<Double> WEIGHT_INIT_SIGMA = Setting.of("model.weight-init-sigma",
      Kinds.number("a standard deviation", 0, true, 10, false), WeightInitConfig.DEFAULT.sigma(),
      c -> c.model().weightInit().sigma(), "standard deviation of weight-init = normal");
  static final Setting<Boolean> BATCH_NORM = Setting.of("model.batch-norm", Kinds.autoOrBoolean(), ModelConfig.DEFAULTS.batchNorm(),
      c -> c.model().batchNorm(), "batch normalization after each convolution; auto (null): the architecture's");
  static final Setting<Double> DROPOUT = Setting.of("model.dropout", Kinds.autoOrFraction("dropout rate"), ModelConfig.DEFAULTS.dropout(),
      c -> c.model().dropout(), "dropout rate before the classifier layers; auto (null): the architecture's");
  static final Setting<LossName> LOSS = Setting.of("model.loss", Kinds.oneOf(LossName.class),
      ModelConfig.DEFAULTS.loss(), c -> c.model().loss(), "output loss");
  static final Setting<PoolingName> POOLING = Setting.of("model.pooling", Kinds.oneOf(PoolingName.class),
      ModelConfig.DEFAULTS.pooling(), c -> c.model().pooling(), "pooling where the architecture leaves it open");
  static final Setting<Boolean> AUX_CLASSIFIERS = Setting.of("model.aux-classifiers", Kinds.bool(), ModelConfig.DEFAULTS.auxClassifiers(),
      c -> c.model().auxClassifiers(), "googlenet's two auxiliary classifiers");
  static final Setting<BackendName> BACKEND = Setting.of("model.backend", Kinds.oneOf(BackendName.class),
      ModelConfig.DEFAULTS.backend(), c -> c.model().backend(), "what computes the training gradients: auto, dl4j or libtorch");

  static final List<Setting<?>> ALL = List.of(ARCH, CLASSES, ACTIVATION, LEAKYRELU_ALPHA, WEIGHT_INIT,
      WEIGHT_INIT_RANGE, WEIGHT_INIT_SIGMA, BATCH_NORM, DROPOUT, LOSS, POOLING, AUX_CLASSIFIERS, BACKEND);

  static ModelConfig bind(ConfigBinder b) {
    return new ModelConfig(b.get(ARCH), b.get(CLASSES), b.get(ACTIVATION), b.get(LEAKYRELU_ALPHA),
        new WeightInitConfig(b.get(WEIGHT_INIT), b.get(WEIGHT_INIT_RANGE), b.get(WEIGHT_INIT_SIGMA)),
        b.get(BATCH_NORM), b.get(DROPOUT), b.get(LOSS), b.get(POOLING), b.get(AUX_CLASSIFIERS), b.get(BACKEND));
  }
}
