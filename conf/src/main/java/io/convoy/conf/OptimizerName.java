package io.convoy.conf;

/** Optimizers by their configuration names. */
public enum OptimizerName implements ConfigName {
  SGD("sgd"),
  MOMENTUM("momentum"),
  NESTEROV("nesterov"),
  ADAM("adam"),
  RMSPROP("rmsprop");

  private final String configName;

  OptimizerName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
