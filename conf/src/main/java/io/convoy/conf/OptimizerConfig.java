package io.convoy.conf;

import io.convoy.conf.names.OptimizerName;
import java.io.Serializable;

/**
 * The optimizer every replica uses, with its schedule and regularization.
 *
 * @param name one of {@link OptimizerName}
 * @param lr base learning rate (before scaling, schedule and warmup)
 * @param momentum momentum coefficient for {@code momentum} and {@code nesterov}, beta1 for
 *     {@code adam}, decay for {@code rmsprop}; ignored by {@code sgd}
 * @param weightDecay L2 weight decay coefficient applied to weights (not biases)
 * @param l1 L1 weight decay coefficient applied to weights (not biases)
 * @param clipping gradient clipping
 * @param scaleWithWorkers linear scaling rule: the base rate is multiplied by the number of workers
 * @param schedule learning-rate schedule and warmup
 * @param earlyStopping when the driver stops training early
 */
public record OptimizerConfig(OptimizerName name, double lr, double momentum, double weightDecay, double l1,
    ClippingConfig clipping, boolean scaleWithWorkers, ScheduleConfig schedule, EarlyStoppingConfig earlyStopping)
    implements Serializable {
  /** No L1 penalty unless {@code optimizer.l1} asks for one. */
  public static final double DEFAULT_L1 = 0.0;
  /** The rate is not scaled with the workers unless {@code optimizer.scale-with-workers = true}. */
  public static final boolean DEFAULT_SCALE_WITH_WORKERS = false;

  /** An optimizer with a constant rate, L2 only, no clipping, scaling or early stopping. */
  public OptimizerConfig(OptimizerName name, double lr, double momentum, double weightDecay) {
    this(name, lr, momentum, weightDecay, DEFAULT_L1, ClippingConfig.NONE, DEFAULT_SCALE_WITH_WORKERS,
        ScheduleConfig.CONSTANT, EarlyStoppingConfig.OFF);
  }

  /** The same optimizer with another schedule. */
  public OptimizerConfig withSchedule(ScheduleConfig s) {
    return new OptimizerConfig(name, lr, momentum, weightDecay, l1, clipping, scaleWithWorkers, s, earlyStopping);
  }

  /** The same optimizer with another schedule and the linear scaling rule on. */
  public OptimizerConfig withScheduleAndScaling(ScheduleConfig s) {
    return new OptimizerConfig(name, lr, momentum, weightDecay, l1, clipping, true, s, earlyStopping);
  }

  /** The same optimizer with scaling by the number of workers on or off. */
  public OptimizerConfig withScaleWithWorkers(boolean scale) {
    return new OptimizerConfig(name, lr, momentum, weightDecay, l1, clipping, scale, schedule, earlyStopping);
  }

  /** The same optimizer with another gradient clipping. */
  public OptimizerConfig withClipping(ClippingConfig c) {
    return new OptimizerConfig(name, lr, momentum, weightDecay, l1, c, scaleWithWorkers, schedule, earlyStopping);
  }
}
