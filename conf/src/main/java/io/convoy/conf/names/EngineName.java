package io.convoy.conf.names;

/** Which engine trains ({@code training.engine}). */
public enum EngineName implements ConfigName {
  /** convoy's own rounds of averaging, over {@code training.transport}. */
  CONVOY("convoy"),
  /** dl4j-spark's ParameterAveragingTrainingMaster, as a baseline. */
  DL4J_PARAMAVG("dl4j-paramavg");

  private final String configName;

  EngineName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
