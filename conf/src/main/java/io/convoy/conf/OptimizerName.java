package io.convoy.conf;

/**
 * Optimizers by their configuration names. Plain (heavy-ball) momentum is not offered yet:
 * DL4J has no such updater, and a custom one would make model.zip unloadable by plain DL4J.
 */
public enum OptimizerName implements ConfigName {
  SGD("sgd"),
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
