package io.convoy.conf.names;

/**
 * Output loss (`model.loss`): softmax with cross-entropy for one class per example, or
 * independent sigmoids with binary cross-entropy for multi-label targets.
 */
public enum LossName implements ConfigName {
  SOFTMAX_CROSS_ENTROPY("softmax-cross-entropy"),
  BINARY_CROSS_ENTROPY("binary-cross-entropy");

  private final String configName;

  LossName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
