package io.convoy.conf;

import io.convoy.conf.names.MetricMode;
import io.convoy.conf.names.MetricName;
import java.io.Serializable;

/**
 * Early stopping, applied by the driver after each evaluation.
 *
 * @param patience evaluations without improvement after which training stops; 0 turns it off
 * @param metric validation metric watched
 * @param mode whether lower or higher is better (AUTO: the metric's own direction)
 * @param minDelta smallest change that counts as an improvement, absolute
 */
public record EarlyStoppingConfig(int patience, MetricName metric, MetricMode mode, double minDelta)
    implements Serializable {
  /** The defaults of reference.conf: off. */
  public static final EarlyStoppingConfig OFF = new EarlyStoppingConfig(0, MetricName.VAL_LOSS, MetricMode.AUTO, 0.0);

  public boolean enabled() {
    return patience > 0;
  }
}
