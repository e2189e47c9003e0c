package io.convoy.conf.names;

/**
 * Gradient clipping (`optimizer.gradient-clipping`), applied to the minibatch-mean gradient:
 * VALUE clips each element to [-t, t]; NORM rescales each layer's gradient to an L2 norm of at most t.
 */
public enum ClippingName implements ConfigName {
  NONE("none"),
  VALUE("value"),
  NORM("norm");

  private final String configName;

  ClippingName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
