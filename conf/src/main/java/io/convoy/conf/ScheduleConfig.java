package io.convoy.conf;

import io.convoy.conf.names.ScheduleName;
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
      0.1, 30.0, List.of(30.0, 60.0, 90.0), 1.0, 0.0, 0, null, PlateauConfig.DEFAULT);

  public ScheduleConfig {
    milestones = List.copyOf(milestones);
  }
}
