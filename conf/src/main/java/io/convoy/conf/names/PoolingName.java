package io.convoy.conf.names;

/** Pooling where an architecture leaves it open (`model.pooling`); AUTO keeps the architecture's own. */
public enum PoolingName implements ConfigName {
  AUTO("auto"),
  MAX("max"),
  AVG("avg");

  private final String configName;

  PoolingName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
