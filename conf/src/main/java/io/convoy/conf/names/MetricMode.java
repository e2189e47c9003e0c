package io.convoy.conf.names;

/** Whether a validation metric improves downwards or upwards; AUTO takes the metric's own direction. */
public enum MetricMode implements ConfigName {
  AUTO("auto"),
  MIN("min"),
  MAX("max");

  private final String configName;

  MetricMode(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
