package io.convoy.conf.names;

/** Learning-rate schedules (`optimizer.schedule.name`); see reference.conf for the formulas. */
public enum ScheduleName implements ConfigName {
  CONSTANT("constant"),
  STEP("step"),
  MULTISTEP("multistep"),
  COSINE("cosine"),
  POLY("poly"),
  PLATEAU("plateau");

  private final String configName;

  ScheduleName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
