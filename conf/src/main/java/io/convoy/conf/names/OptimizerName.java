package io.convoy.conf.names;

/**
 * Optimizers by their configuration names. {@code momentum} (heavy-ball SGD momentum) is
 * convoy's own DL4J updater: a model.zip trained with it loads only with convoy-model on the
 * classpath; the others are DL4J's own.
 */
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
