package io.convoy.model.optim;

import io.convoy.conf.EarlyStoppingConfig;
import io.convoy.conf.names.MetricMode;

/**
 * Early stopping as Keras defines it: after each evaluation, {@link #observe} the watched metric;
 * training should stop once {@code patience} evaluations in a row have not improved on the best
 * by more than {@code minDelta}. With patience 0 it is off and never says stop. The driver
 * should keep (or re-save) the model of {@link #bestEvaluation()} if it wants the best rather
 * than the last one. Not thread-safe.
 */
public final class EarlyStopping {
  private final MetricWatch watch;
  private final int patience;

  /**
   * @param mode MIN or MAX (not AUTO)
   * @param patience evaluations without improvement before stopping; 0 turns it off
   * @param minDelta smallest change that counts as an improvement, >= 0
   */
  public EarlyStopping(MetricMode mode, int patience, double minDelta) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, found " + patience);
    }
    this.watch = new MetricWatch(mode, minDelta);
    this.patience = patience;
  }

  /** The early stopping {@code optimizer.early-stopping} describes. */
  public static EarlyStopping of(EarlyStoppingConfig c) {
    return new EarlyStopping(c.metric().resolve(c.mode()), c.patience(), c.minDelta());
  }

  public boolean enabled() {
    return patience > 0;
  }

  /** Records one evaluation's metric; true when training should stop now. */
  public boolean observe(double metric) {
    watch.observe(metric);
    return enabled() && watch.sinceBest() >= patience;
  }

  /** The best value seen (infinite before the first finite observation). */
  public double best() {
    return watch.best();
  }

  /** Index (0-based, in observation order) of the best evaluation, or -1 before any improvement. */
  public int bestEvaluation() {
    return watch.bestAt();
  }
}
