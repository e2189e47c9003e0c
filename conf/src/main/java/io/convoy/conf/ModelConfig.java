package io.convoy.conf;

import java.io.Serializable;
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

  /** The defaults of every knob (as in reference.conf) for {@code arch} and {@code classes}. */
  public ModelConfig(String arch, int classes) {
    this(arch, classes, ModelSettings.ACTIVATION.defaultValue(), ModelSettings.LEAKYRELU_ALPHA.defaultValue(),
        WeightInitConfig.DEFAULT, ModelSettings.BATCH_NORM.defaultValue(), ModelSettings.DROPOUT.defaultValue(),
        ModelSettings.LOSS.defaultValue(), ModelSettings.POOLING.defaultValue(),
        ModelSettings.AUX_CLASSIFIERS.defaultValue(), ModelSettings.BACKEND.defaultValue());
  }

  /** The architecture and its facts. */
  public ArchitectureName architecture() {
    return ArchitectureName.of(arch);
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
