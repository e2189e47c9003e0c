package io.convoy.conf.names;

/** What the replicas average every round. */
public enum AveragingMode implements ConfigName {
  /** Every replica trains k minibatches, then parameters are averaged. */
  PARAMETERS("parameters"),
  /** Every replica computes one minibatch gradient; the average is applied once. */
  GRADIENTS("gradients");

  private final String configName;

  AveragingMode(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
