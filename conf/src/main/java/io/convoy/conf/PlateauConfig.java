package io.convoy.conf;

import io.convoy.conf.names.MetricMode;
import io.convoy.conf.names.MetricName;
import java.io.Serializable;

/**
 * The {@code plateau} schedule: multiply the learning rate by {@code factor} when {@code metric}
 * has not improved by more than {@code minDelta} for {@code patience} evaluations.
 *
 * @param metric validation metric watched
 * @param mode whether lower or higher is better (AUTO: the metric's own direction)
 * @param patience evaluations without improvement before the rate drops
 * @param factor multiplier of each drop, in (0, 1)
 * @param minDelta smallest change that counts as an improvement, absolute
 */
public record PlateauConfig(MetricName metric, MetricMode mode, int patience, double factor, double minDelta)
    implements Serializable {
  /** The defaults of reference.conf. */
  public static final PlateauConfig DEFAULT = new PlateauConfig(MetricName.VAL_LOSS, MetricMode.AUTO, 5, 0.1, 1e-4);
}
