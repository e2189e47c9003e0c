package io.convoy.model.optim;

import io.convoy.conf.names.MetricMode;

/**
 * Tracks the best value of a validation metric and how many observations in a row failed to
 * beat it by more than {@code minDelta}. NaN never counts as an improvement.
 */
final class MetricWatch {
  private final boolean lowerIsBetter;
  private final double minDelta;
  private double best;
  private int sinceBest;
  private int observations;
  private int bestAt = -1;

  MetricWatch(MetricMode mode, double minDelta) {
    if (mode == MetricMode.AUTO) {
      throw new IllegalArgumentException("resolve AUTO with MetricName.resolve before watching a metric");
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("minDelta must be >= 0, found " + minDelta);
    }
    this.lowerIsBetter = mode == MetricMode.MIN;
    this.minDelta = minDelta;
    this.best = lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Records {@code value}; returns whether it improved on the best so far. */
  boolean observe(double value) {
    observations++;
    boolean improved = lowerIsBetter ? value < best - minDelta : value > best + minDelta;
    if (improved) {
      best = value;
      bestAt = observations - 1;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    return improved;
  }

  void resetCount() {
    sinceBest = 0;
  }

  int sinceBest() {
    return sinceBest;
  }

  double best() {
    return best;
  }

  int bestAt() {
    return bestAt;
  }
}
