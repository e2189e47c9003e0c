package io.convoy.conf.names;

/** Hidden-layer activation functions (`model.activation`). */
public enum ActivationName implements ConfigName {
  RELU("relu"),
  LEAKYRELU("leakyrelu"),
  ELU("elu"),
  SOFTPLUS("softplus"),
  SOFTSIGN("softsign"),
  TANH("tanh"),
  SIGMOID("sigmoid");

  private final String configName;

  ActivationName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
