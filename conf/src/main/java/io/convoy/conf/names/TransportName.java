package io.convoy.conf.names;

/** How averaging travels between replicas ({@code training.transport}, convoy's engine only). */
public enum TransportName implements ConfigName {
  /** A Spark job per round, broadcast out and aggregated back through the driver. */
  JOBS("jobs"),
  /** One barrier stage per epoch whose tasks average by ring allreduce among themselves. */
  ALLREDUCE("allreduce");

  private final String configName;

  TransportName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
