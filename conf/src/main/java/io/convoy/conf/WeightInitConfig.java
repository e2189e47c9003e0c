package io.convoy.conf;

import io.convoy.conf.names.WeightInitName;
import java.io.Serializable;

/**
 * How weights are initialized.
 *
 * @param name the distribution family
 * @param range half-width of {@code uniform}: U(-range, range)
 * @param sigma standard deviation of {@code normal}: N(0, sigma^2)
 */
public record WeightInitConfig(WeightInitName name, double range, double sigma) implements Serializable {
  /** The defaults of reference.conf (DL4J's and convoy's: Glorot normal). */
  public static final WeightInitConfig DEFAULT = new WeightInitConfig(WeightInitName.XAVIER, 0.05, 0.01);
}
