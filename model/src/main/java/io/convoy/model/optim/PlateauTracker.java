package io.convoy.model.optim;

import io.convoy.conf.PlateauConfig;
import io.convoy.conf.names.MetricMode;
import io.convoy.model.ModelSpec;

/**
 * The {@code plateau} schedule's decision, as PyTorch's {@code ReduceLROnPlateau} makes it: after
 * each evaluation, {@link #observe} the watched metric; once more than {@code patience}
 * evaluations in a row have not improved on the best by more than {@code minDelta}, the factor
 * is multiplied by {@code factor} (never below {@code minLr / baseLr}) and the count restarts.
 * The driver passes the returned factor to {@link io.convoy.model.Replica#setLearningRateFactor} on every replica.
 * Not thread-safe; keeps no reference to a network.
 */
public final class PlateauTracker {
  private final MetricWatch watch;
  private final int patience;
  private final double drop;
  private final double minFactor;
  private double factor = 1;

  /**
   * @param mode MIN or MAX (not AUTO)
   * @param patience evaluations without improvement tolerated before a drop, >= 0
   * @param drop multiplier of each drop, in (0, 1)
   * @param minLr lowest learning rate the drops may reach, >= 0
   * @param baseLr the scheduled rate the factor multiplies, > 0
   * @param minDelta smallest change that counts as an improvement, >= 0
   */
  public PlateauTracker(MetricMode mode, int patience, double drop, double minLr, double baseLr, double minDelta) {
    if (patience < 0 || !(drop > 0 && drop < 1) || !(minLr >= 0) || !(baseLr > 0)) {
      throw new IllegalArgumentException("plateau needs patience >= 0, 0 < factor < 1, min-lr >= 0, lr > 0; found "
          + patience + ", " + drop + ", " + minLr + ", " + baseLr);
    }
    this.watch = new MetricWatch(mode, minDelta);
    this.patience = patience;
    this.drop = drop;
    this.minFactor = Math.min(1, minLr / baseLr);
  }

  /** The tracker {@code optimizer.schedule.plateau} describes for {@code spec}. */
  public static PlateauTracker of(ModelSpec spec) {
    PlateauConfig p = spec.optimizer().schedule().plateau();
    double baseLr = new LearningRateSchedule(spec.optimizer(), spec.plan()).baseRate();
    return new PlateauTracker(p.metric().resolve(p.mode()), p.patience(), p.factor(),
        spec.optimizer().schedule().minLr(), baseLr, p.minDelta());
  }

  /** Records one evaluation's metric and returns the learning-rate factor to use from now on. */
  public double observe(double metric) {
    watch.observe(metric);
    if (watch.sinceBest() > patience) {
      factor = Math.max(minFactor, factor * drop);
      watch.resetCount();
    }
    return factor;
  }

  /** The current factor (1 until the first drop). */
  public double factor() {
    return factor;
  }
}
