package io.convoy.conf;

import java.io.Serializable;
import java.util.List;

/**
 * The learning-rate schedule over (fractional) epochs; the formulas are in reference.conf.
 *
 * @param name which schedule
 * @param gamma multiplier of each decay of {@code step} and {@code multistep}, in (0, 1]
 * @param stepEpochs epochs between decays of {@code step}
 * @param milestones epochs at which {@code multistep} decays, strictly increasing
 * @param power exponent of {@code poly}
 * @param minLr final rate of {@code cosine} and {@code poly}, lower bound of {@code plateau}
 * @param warmupEpochs length of the linear warmup, 0 for none
 * @param warmupStartFactor where warmup starts, as a fraction of the rate it ramps to; null
 *     means auto (1 / workers with {@code scale-with-workers}, that is the unscaled rate, else 0)
 * @param plateau settings of {@code plateau}
 */
public record ScheduleConfig(ScheduleName name, double gamma, double stepEpochs, List<Double> milestones,
    double power, double minLr, double warmupEpochs, Double warmupStartFactor, PlateauConfig plateau)
    implements Serializable {

  /** A constant rate, every other value as in reference.conf. */
  public static final ScheduleConfig CONSTANT = new ScheduleConfig(ScheduleName.CONSTANT,
      OptimizerSettings.GAMMA.defaultValue(), OptimizerSettings.STEP_EPOCHS.defaultValue(),
      OptimizerSettings.MILESTONES.defaultValue(), OptimizerSettings.POWER.defaultValue(),
      OptimizerSettings.MIN_LR.defaultValue(), 0, OptimizerSettings.WARMUP_START.defaultValue(), PlateauConfig.DEFAULT);

  public ScheduleConfig {
    milestones = List.copyOf(milestones);
  }
}
