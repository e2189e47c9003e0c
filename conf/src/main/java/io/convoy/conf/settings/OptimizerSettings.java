package io.convoy.conf.settings;

import io.convoy.conf.ClippingConfig;
import io.convoy.conf.EarlyStoppingConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.PlateauConfig;
import io.convoy.conf.ScheduleConfig;
import io.convoy.conf.names.ClippingName;
import io.convoy.conf.names.MetricMode;
import io.convoy.conf.names.MetricName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.conf.names.ScheduleName;
import java.util.List;

/** The {@code optimizer} settings, with its schedule and early stopping. */
final class OptimizerSettings {
  private OptimizerSettings() {}

  private static final String S = "optimizer.schedule.";
  private static final String P = S + "plateau.";
  private static final String E = "optimizer.early-stopping.";

  static final Setting<OptimizerName> NAME = Setting.of("optimizer.name", Kinds.oneOf(OptimizerName.class),
      OptimizerName.NESTEROV, c -> c.optimizer().name(), "the optimizer");
  static final Setting<Double> LR = Setting.of("optimizer.lr", Kinds.number("a learning rate", 0, true, 10, false),
      0.01, c -> c.optimizer().lr(), "base learning rate, before scaling, schedule and warmup");
  static final Setting<Double> MOMENTUM = Setting.of("optimizer.momentum", coefficient(), 0.9,
      c -> c.optimizer().momentum(), "momentum (momentum, nesterov), beta1 (adam) or decay (rmsprop)");
  static final Setting<Double> WEIGHT_DECAY = Setting.of("optimizer.weight-decay", coefficient(), 0.0005,
      c -> c.optimizer().weightDecay(), "L2 weight decay on weights");
  static final Setting<Double> L1 = Setting.of("optimizer.l1", coefficient(), OptimizerConfig.DEFAULT_L1,
      c -> c.optimizer().l1(), "L1 weight decay on weights");
  static final Setting<ClippingName> CLIPPING = Setting.of("optimizer.gradient-clipping",
      Kinds.oneOf(ClippingName.class), ClippingName.NONE, c -> c.optimizer().clipping().mode(), "gradient clipping");
  static final Setting<Double> CLIPPING_THRESHOLD = Setting.of("optimizer.clipping-threshold",
      Kinds.positive("threshold", 1e6), ClippingConfig.NONE.threshold(), c -> c.optimizer().clipping().threshold(), "threshold of clipping");
  static final Setting<Boolean> SCALE_WITH_WORKERS = Setting.of("optimizer.scale-with-workers", Kinds.bool(), OptimizerConfig.DEFAULT_SCALE_WITH_WORKERS,
      c -> c.optimizer().scaleWithWorkers(), "linear scaling rule: lr x training.workers");

  static final Setting<ScheduleName> SCHEDULE = Setting.of(S + "name", Kinds.oneOf(ScheduleName.class),
      ScheduleName.CONSTANT, c -> c.optimizer().schedule().name(), "learning-rate schedule");
  static final Setting<Double> GAMMA = Setting.of(S + "gamma", Kinds.number("a multiplier", 0, true, 1, false),
      ScheduleConfig.CONSTANT.gamma(), c -> c.optimizer().schedule().gamma(), "multiplier of each decay of step and multistep");
  static final Setting<Double> STEP_EPOCHS = Setting.of(S + "step-epochs", Kinds.positive("number of epochs", 1e6),
      ScheduleConfig.CONSTANT.stepEpochs(), c -> c.optimizer().schedule().stepEpochs(), "epochs between decays of step");
  static final Setting<List<Double>> MILESTONES = Setting.of(S + "milestones", Kinds.increasingEpochs(),
      ScheduleConfig.CONSTANT.milestones(), c -> c.optimizer().schedule().milestones(), "epochs at which multistep decays");
  static final Setting<Double> POWER = Setting.of(S + "power", Kinds.number("an exponent", 0, true, 100, false),
      ScheduleConfig.CONSTANT.power(), c -> c.optimizer().schedule().power(), "exponent of poly");
  static final Setting<Double> MIN_LR = Setting.of(S + "min-lr", Kinds.number("a learning rate", 0, false, 10, false),
      ScheduleConfig.CONSTANT.minLr(), c -> c.optimizer().schedule().minLr(), "final rate of cosine and poly; lower bound of plateau");
  static final Setting<Double> WARMUP_EPOCHS = Setting.of(S + "warmup-epochs",
      Kinds.nonNegative("number of epochs", 1e6), 0.0,
      c -> c.optimizer().schedule().warmupEpochs(), "length of the linear warmup; 0: none");
  static final Setting<Double> WARMUP_START = Setting.of(S + "warmup-start-factor", Kinds.autoOrFraction("fraction"),
      ScheduleConfig.CONSTANT.warmupStartFactor(), c -> c.optimizer().schedule().warmupStartFactor(), "where warmup starts, as a fraction of the rate");

  static final Setting<MetricName> PLATEAU_METRIC = Setting.of(P + "metric", Kinds.oneOf(MetricName.class),
      PlateauConfig.DEFAULT.metric(), c -> c.optimizer().schedule().plateau().metric(), "metric the plateau schedule watches");
  static final Setting<MetricMode> PLATEAU_MODE = Setting.of(P + "mode", Kinds.oneOf(MetricMode.class),
      PlateauConfig.DEFAULT.mode(), c -> c.optimizer().schedule().plateau().mode(), "whether lower or higher is better");
  static final Setting<Integer> PLATEAU_PATIENCE = Setting.of(P + "patience", Kinds.integer(0, 100_000), PlateauConfig.DEFAULT.patience(),
      c -> c.optimizer().schedule().plateau().patience(), "evaluations without improvement before a drop");
  static final Setting<Double> PLATEAU_FACTOR = Setting.of(P + "factor",
      Kinds.number("a multiplier", 0, true, 1, true), PlateauConfig.DEFAULT.factor(),
      c -> c.optimizer().schedule().plateau().factor(), "multiplier of each drop");
  static final Setting<Double> PLATEAU_MIN_DELTA = Setting.of(P + "min-delta", Kinds.nonNegative("change", 1e6),
      PlateauConfig.DEFAULT.minDelta(), c -> c.optimizer().schedule().plateau().minDelta(), "smallest change that counts as an improvement");

  static final Setting<Integer> EARLY_PATIENCE = Setting.of(E + "patience", Kinds.integer(0, 100_000), 0,
      c -> c.optimizer().earlyStopping().patience(), "evaluations without improvement before stopping; 0: off");
  static final Setting<MetricName> EARLY_METRIC = Setting.of(E + "metric", Kinds.oneOf(MetricName.class),
      EarlyStoppingConfig.OFF.metric(), c -> c.optimizer().earlyStopping().metric(), "metric early stopping watches");
  static final Setting<MetricMode> EARLY_MODE = Setting.of(E + "mode", Kinds.oneOf(MetricMode.class),
      EarlyStoppingConfig.OFF.mode(), c -> c.optimizer().earlyStopping().mode(), "whether lower or higher is better");
  static final Setting<Double> EARLY_MIN_DELTA = Setting.of(E + "min-delta", Kinds.nonNegative("change", 1e6), EarlyStoppingConfig.OFF.minDelta(),
      c -> c.optimizer().earlyStopping().minDelta(), "smallest change that counts as an improvement");

  static final List<Setting<?>> ALL = List.of(NAME, LR, MOMENTUM, WEIGHT_DECAY, L1, CLIPPING, CLIPPING_THRESHOLD,
      SCALE_WITH_WORKERS, SCHEDULE, GAMMA, STEP_EPOCHS, MILESTONES, POWER, MIN_LR, WARMUP_EPOCHS, WARMUP_START,
      PLATEAU_METRIC, PLATEAU_MODE, PLATEAU_PATIENCE, PLATEAU_FACTOR, PLATEAU_MIN_DELTA,
      EARLY_PATIENCE, EARLY_METRIC, EARLY_MODE, EARLY_MIN_DELTA);

  static OptimizerConfig bind(ConfigBinder b) {
    PlateauConfig plateau = new PlateauConfig(b.get(PLATEAU_METRIC), b.get(PLATEAU_MODE), b.get(PLATEAU_PATIENCE),
        b.get(PLATEAU_FACTOR), b.get(PLATEAU_MIN_DELTA));
    ScheduleConfig schedule = new ScheduleConfig(b.get(SCHEDULE), b.get(GAMMA), b.get(STEP_EPOCHS),
        b.get(MILESTONES), b.get(POWER), b.get(MIN_LR), b.get(WARMUP_EPOCHS), b.get(WARMUP_START), plateau);
    EarlyStoppingConfig early = new EarlyStoppingConfig(b.get(EARLY_PATIENCE), b.get(EARLY_METRIC),
        b.get(EARLY_MODE), b.get(EARLY_MIN_DELTA));
    return new OptimizerConfig(b.get(NAME), b.get(LR), b.get(MOMENTUM), b.get(WEIGHT_DECAY), b.get(L1),
        new ClippingConfig(b.get(CLIPPING), b.get(CLIPPING_THRESHOLD)), b.get(SCALE_WITH_WORKERS), schedule, early);
  }

  private static Kind<Double> coefficient() {
    return Kinds.number("a coefficient", 0, false, 1, true);
  }
}
