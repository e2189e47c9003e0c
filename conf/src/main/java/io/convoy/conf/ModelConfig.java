package io.convoy.conf;

import io.convoy.conf.names.ActivationName;
import io.convoy.conf.names.ArchitectureName;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.LossName;
import io.convoy.conf.names.PoolingName;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which network to train and the knobs of its layers.
 *
 * @param arch architecture name, one of {@link #ARCHITECTURES} (see {@link #architecture()})
 * @param classes number of output classes; 0 means "as many as the dataset has"
 * @param activation hidden-layer activation
 * @param leakyReluAlpha slope for negative inputs of {@code leakyrelu}
 * @param weightInit weight initialization
 * @param batchNorm batch normalization on or off; null means the architecture's own choice
 * @param dropout dropout rate (fraction dropped) before the classifier layers; null means the
 *     architecture's own (0.5 for alexnet and vgg, 0.4 for googlenet, 0 for the others)
 * @param loss output loss
 * @param pooling pooling type where the architecture leaves it open
 * @param auxClassifiers googlenet's two auxiliary classifiers (training loss weight 0.3 each)
 * @param backend what computes the training gradients (inference is always DL4J's)
 */
public record ModelConfig(String arch, int classes, ActivationName activation, double leakyReluAlpha,
    WeightInitConfig weightInit, Boolean batchNorm, Double dropout, LossName loss, PoolingName pooling,
    boolean auxClassifiers, BackendName backend) implements Serializable {

  /** Architecture names, as {@code model.arch} accepts them; the facts about each are in {@link ArchitectureName}. */
  public static final List<String> ARCHITECTURES = ArchitectureName.configNames();

  /**
   * Every {@code model.*} setting's default, declared here once: the settings' declarations
   * ({@code ModelSettings}) take theirs from this record, and SettingsTest holds them against reference.conf.
   */
  public static final ModelConfig DEFAULTS = new ModelConfig(ArchitectureName.SIMPLE_CNN.configName(), 0,
      ActivationName.RELU, 0.01, WeightInitConfig.DEFAULT, null, null, LossName.SOFTMAX_CROSS_ENTROPY,
      PoolingName.AUTO, false, BackendName.AUTO);

  /** The defaults of every knob (as in reference.conf) for {@code arch} and {@code classes}. */
  public ModelConfig(String arch, int classes) {
    this(arch, classes, DEFAULTS.activation, DEFAULTS.leakyReluAlpha, DEFAULTS.weightInit, DEFAULTS.batchNorm,
        DEFAULTS.dropout, DEFAULTS.loss, DEFAULTS.pooling, DEFAULTS.auxClassifiers, DEFAULTS.backend);
  }

  /** The architecture and its facts. */
  public ArchitectureName architecture() {
    return ArchitectureName.of(arch);
  }

  /**
   * What this model asks of its architecture that the architecture does not allow (batch norm
   * off, a pooling, auxiliary classifiers): the one check, for bound configurations and for
   * models built in code. Empty for an unknown architecture (reported as such elsewhere).
   */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    ArchitectureName arch = architecture();
    if (arch == null) {
      return problems;
    }
    String name = arch.configName();
    if (Boolean.FALSE.equals(batchNorm) && arch.batchNormRequired()) {
      problems.add(new ConfigProblem("model.batch-norm", "false with model.arch = " + name,
          "auto or true (" + name + " is defined with batch norm); batch norm can be off for "
              + ArchitectureName.names(a -> !a.batchNormRequired())));
    }
    if (pooling != PoolingName.AUTO && arch.poolingFixed()) {
      problems.add(new ConfigProblem("model.pooling", pooling.configName() + " with model.arch = " + name,
          "auto (" + name + " defines its pooling); max or avg are for " + ArchitectureName.names(a -> !a.poolingFixed())));
    }
    if (auxClassifiers && !arch.auxClassifiers()) {
      problems.add(new ConfigProblem("model.aux-classifiers", "true with model.arch = " + name,
          "false; auxiliary classifiers exist for " + ArchitectureName.names(ArchitectureName::auxClassifiers)));
    }
    return problems;
  }

  public boolean classesFromData() {
    return classes == 0;
  }

  /** The same knobs for another architecture. */
  public ModelConfig withArch(String a) {
    return new ModelConfig(a, classes, activation, leakyReluAlpha, weightInit, batchNorm, dropout, loss, pooling,
        auxClassifiers, backend);
  }

  /** The same model with batch normalization forced on or off (null: the architecture's choice). */
  public ModelConfig withBatchNorm(Boolean on) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, on, dropout, loss, pooling,
        auxClassifiers, backend);
  }

  /** The same model with another dropout rate (null: the architecture's own). */
  public ModelConfig withDropout(Double rate) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, batchNorm, rate, loss, pooling,
        auxClassifiers, backend);
  }

  /** The same model with the auxiliary classifiers on or off. */
  public ModelConfig withAuxClassifiers(boolean on) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, batchNorm, dropout, loss, pooling,
        on, backend);
  }

  /** The same model with another activation. */
  public ModelConfig withActivation(ActivationName a) {
    return new ModelConfig(arch, classes, a, leakyReluAlpha, weightInit, batchNorm, dropout, loss, pooling,
        auxClassifiers, backend);
  }

  /** The same model with another loss. */
  public ModelConfig withLoss(LossName l) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, batchNorm, dropout, l, pooling,
        auxClassifiers, backend);
  }

  /** The same model trained by another backend. */
  public ModelConfig withBackend(BackendName b) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, batchNorm, dropout, loss, pooling,
        auxClassifiers, b);
  }

  /** The same model with another pooling. */
  public ModelConfig withPooling(PoolingName p) {
    return new ModelConfig(arch, classes, activation, leakyReluAlpha, weightInit, batchNorm, dropout, loss, p,
        auxClassifiers, backend);
  }
}
