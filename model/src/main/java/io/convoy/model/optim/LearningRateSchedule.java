package io.convoy.model.optim;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.ScheduleConfig;
import io.convoy.model.TrainingPlan;

/**
 * The learning rate at a global step, before the plateau factor:
 * {@code lr0 x schedule(e) x warmup(e)} with {@code lr0 = lr (x workers when scaled)} and
 * {@code e = step / stepsPerEpoch}, the fractional epoch. The formulas are those of
 * reference.conf ({@code optimizer.schedule}). Pure: a function of its inputs only.
 */
public final class LearningRateSchedule {
  private final ScheduleConfig s;
  private final double lr0;
  private final int epochs;
  private final long stepsPerEpoch;
  private final double warmupStart;

  public LearningRateSchedule(OptimizerConfig optimizer, TrainingPlan plan) {
    this.s = optimizer.schedule();
    this.lr0 = optimizer.lr() * (optimizer.scaleWithWorkers() ? plan.workers() : 1);
    this.epochs = plan.epochs();
    this.stepsPerEpoch = plan.stepsPerEpoch();
    if (s.warmupStartFactor() != null) {
      this.warmupStart = s.warmupStartFactor();
    } else {
      // Goyal et al. ramp from the single-worker rate up to the scaled one.
      this.warmupStart = optimizer.scaleWithWorkers() ? 1.0 / plan.workers() : 0;
    }
  }

  /** The base rate lr0, after the linear scaling rule. */
  public double baseRate() {
    return lr0;
  }

  /** The rate at global step {@code step} (0 for the first minibatch). */
  public double at(long step) {
    double e = (double) step / stepsPerEpoch;
    return scheduled(e) * warmup(e);
  }

  private double scheduled(double e) {
    return switch (s.name()) {
      case CONSTANT, PLATEAU -> lr0;
      case STEP -> lr0 * Math.pow(s.gamma(), Math.floor(e / s.stepEpochs() + 1e-9));
      case MULTISTEP -> lr0 * Math.pow(s.gamma(), s.milestones().stream().filter(m -> m <= e + 1e-9).count());
      case COSINE -> s.minLr() + (lr0 - s.minLr()) * (1 + Math.cos(Math.PI * progress(e))) / 2;
      case POLY -> s.minLr() + (lr0 - s.minLr()) * Math.pow(1 - progress(e), s.power());
    };
  }

  /** Fraction of the post-warmup epochs done, in [0, 1]. */
  private double progress(double e) {
    double span = epochs - s.warmupEpochs();
    return span <= 0 ? 1 : Math.min(1, Math.max(0, (e - s.warmupEpochs()) / span));
  }

  private double warmup(double e) {
    if (s.warmupEpochs() <= 0 || e >= s.warmupEpochs()) {
      return 1;
    }
    return warmupStart + (1 - warmupStart) * e / s.warmupEpochs();
  }
}
