package io.convoy.conf.settings;

import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.EngineName;
import io.convoy.conf.names.ScheduleName;
import io.convoy.conf.names.TransportName;
import static io.convoy.conf.settings.DataSettings.VAL;
import static io.convoy.conf.settings.DataSettings.VAL_FRACTION;
import static io.convoy.conf.settings.OptimizerSettings.LR;
import static io.convoy.conf.settings.OptimizerSettings.MILESTONES;
import static io.convoy.conf.settings.OptimizerSettings.MIN_LR;
import static io.convoy.conf.settings.OptimizerSettings.SCHEDULE;
import static io.convoy.conf.settings.OptimizerSettings.WARMUP_EPOCHS;
import static io.convoy.conf.settings.TrainingSettings.ENGINE;
import static io.convoy.conf.settings.TrainingSettings.EPOCHS;
import static io.convoy.conf.settings.TrainingSettings.TRANSPORT;

import java.util.EnumSet;

/**
 * The rules that span settings, each checked once every setting it reads holds a good value (a
 * bad one is already reported under its own key).
 */
final class ConfigRules {
  private ConfigRules() {}

  static void check(ConfigBinder b) {
    if (b.valid(VAL, VAL_FRACTION) && b.get(VAL) == null && b.get(VAL_FRACTION) == 0) {
      b.problem(VAL_FRACTION.key(), "0 with data.val unset",
          "a fraction in (0, 0.9] or a validation folder in data.val");
    }
    if (b.valid(ModelSettings.ARCH, ModelSettings.BATCH_NORM, ModelSettings.POOLING,
        ModelSettings.AUX_CLASSIFIERS)) {
      ModelSettings.bind(b).problems().forEach(b::problem);
    }
    ScheduleName schedule = b.get(SCHEDULE);
    if (b.valid(SCHEDULE, MILESTONES) && schedule == ScheduleName.MULTISTEP && b.get(MILESTONES).isEmpty()) {
      b.problem(MILESTONES.key(), "[] with schedule multistep", "at least one epoch, e.g. [30, 60, 90]");
    }
    double minLr = b.get(MIN_LR);
    double lr = b.get(LR);
    if (b.valid(SCHEDULE, MIN_LR, LR) && minLr >= lr
        && EnumSet.of(ScheduleName.COSINE, ScheduleName.POLY, ScheduleName.PLATEAU).contains(schedule)) {
      b.problem(MIN_LR.key(), Kinds.fmt(minLr) + " with optimizer.lr = " + Kinds.fmt(lr),
          "a final rate below optimizer.lr for " + schedule.configName());
    }
    double warmup = b.get(WARMUP_EPOCHS);
    if (b.valid(WARMUP_EPOCHS, EPOCHS) && warmup > 0 && warmup >= b.get(EPOCHS)) {
      b.problem(WARMUP_EPOCHS.key(), Kinds.fmt(warmup) + " with training.epochs = " + b.get(EPOCHS),
          "fewer warmup epochs than training.epochs");
    }
    if (b.valid(TRANSPORT, ENGINE) && b.get(TRANSPORT) == TransportName.ALLREDUCE
        && b.get(ENGINE) != EngineName.CONVOY) {
      b.problem(TRANSPORT.key(), "allreduce with training.engine = " + b.get(ENGINE).configName(),
          "jobs (the allreduce transport is convoy's own; set training.engine = convoy to use it)");
    }
    if (b.valid(ModelSettings.BACKEND, ENGINE) && b.get(ModelSettings.BACKEND) == BackendName.LIBTORCH
        && b.get(ENGINE) != EngineName.CONVOY) {
      b.problem(ModelSettings.BACKEND.key(), "libtorch with training.engine = " + b.get(ENGINE).configName(),
          "dl4j or auto (dl4j-spark's engine trains DL4J's own layers; set training.engine = convoy for libtorch)");
    }
  }
}
