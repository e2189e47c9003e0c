package io.convoy.conf.names;

/**
 * Weight initializations (`model.weight-init`). Fan-based ones follow Glorot & Bengio (2010)
 * and He et al. (2015); {@code xavier} and {@code glorot} are two names for the same thing.
 */
public enum WeightInitName implements ConfigName {
  /** Glorot normal: N(0, 2 / (fanIn + fanOut)). */
  XAVIER("xavier"),
  XAVIER_NORMAL("xavier-normal"),
  /** Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
  XAVIER_UNIFORM("xavier-uniform"),
  GLOROT("glorot"),
  GLOROT_NORMAL("glorot-normal"),
  GLOROT_UNIFORM("glorot-uniform"),
  /** He normal: N(0, 2 / fanIn). */
  HE("he"),
  HE_NORMAL("he-normal"),
  /** He uniform: U(-a, a), a = sqrt(6 / fanIn). */
  HE_UNIFORM("he-uniform"),
  /** U(-range, range) with {@code model.weight-init-range}. */
  UNIFORM("uniform"),
  /** N(0, sigma^2) with {@code model.weight-init-sigma}. */
  NORMAL("normal");

  private final String configName;

  WeightInitName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
