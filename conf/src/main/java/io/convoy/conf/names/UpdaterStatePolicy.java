package io.convoy.conf.names;

/** What happens to optimizer state (momentum, Adam moments) in parameter averaging. */
public enum UpdaterStatePolicy implements ConfigName {
  /** Averaged across replicas like the parameters. */
  AVERAGE("average"),
  /** Kept on each replica, never sent. */
  LOCAL("local"),
  /** Zeroed at the start of every round. */
  RESET("reset");

  private final String configName;

  UpdaterStatePolicy(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
