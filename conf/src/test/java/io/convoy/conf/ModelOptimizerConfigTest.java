package io.convoy.conf;

import io.convoy.conf.names.ActivationName;
import io.convoy.conf.names.ClippingName;
import io.convoy.conf.names.LossName;
import io.convoy.conf.names.MetricMode;
import io.convoy.conf.names.MetricName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.conf.names.PoolingName;
import io.convoy.conf.names.ScheduleName;
import io.convoy.conf.names.WeightInitName;
import io.convoy.conf.settings.ConfigRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model and optimizer sections: knobs, schedules, early stopping and their combinations. */
class ModelOptimizerConfigTest {
  @Test
  void defaultsKeepTheArchitecturesOwnChoicesAndAConstantRate() {
    ConvoyConfig c = ConfigLoader.defaults();
    ModelConfig m = c.model();
    assertEquals(ActivationName.RELU, m.activation());
    assertEquals(WeightInitName.XAVIER, m.weightInit().name());
    assertNull(m.batchNorm());
    assertNull(m.dropout());
    assertEquals(LossName.SOFTMAX_CROSS_ENTROPY, m.loss());
    assertEquals(PoolingName.AUTO, m.pooling());
    assertFalse(m.auxClassifiers());
    OptimizerConfig o = c.optimizer();
    assertEquals(ScheduleName.CONSTANT, o.schedule().name());
    assertEquals(ClippingName.NONE, o.clipping().mode());
    assertFalse(o.scaleWithWorkers());
    assertFalse(o.earlyStopping().enabled());
    assertEquals(0.0, o.l1());
    assertNull(o.schedule().warmupStartFactor());
    // The convenience constructors give what reference.conf gives.
    assertEquals(new ModelConfig(m.arch(), 0), m);
    assertEquals(new OptimizerConfig(o.name(), o.lr(), o.momentum(), o.weightDecay())
        .withSchedule(o.schedule()), o);
  }

  @Test
  void everyKnobBinds() {
    ConvoyConfig c = ConfigLoader.load(null, List.of("model.arch=googlenet", "model.activation=leakyrelu",
        "model.leakyrelu-alpha=0.2", "model.weight-init=uniform", "model.weight-init-range=0.1",
        "model.batch-norm=true", "model.dropout=0.3", "model.loss=binary-cross-entropy",
        "model.aux-classifiers=true", "optimizer.name=momentum", "optimizer.l1=0.001",
        "optimizer.gradient-clipping=norm", "optimizer.clipping-threshold=5", "optimizer.scale-with-workers=true",
        "optimizer.schedule.name=multistep", "optimizer.schedule.milestones=[2, 4]",
        "optimizer.schedule.warmup-epochs=0.5", "optimizer.schedule.warmup-start-factor=0.25",
        "optimizer.schedule.plateau.metric=val_top1", "optimizer.early-stopping.patience=3",
        "optimizer.early-stopping.metric=val_top5", "optimizer.early-stopping.min-delta=0.01"));
    ModelConfig m = c.model();
    assertEquals(ActivationName.LEAKYRELU, m.activation());
    assertEquals(0.2, m.leakyReluAlpha());
    assertEquals(new WeightInitConfig(WeightInitName.UNIFORM, 0.1, 0.01), m.weightInit());
    assertEquals(Boolean.TRUE, m.batchNorm());
    assertEquals(0.3, m.dropout());
    assertEquals(LossName.BINARY_CROSS_ENTROPY, m.loss());
    assertTrue(m.auxClassifiers());
    OptimizerConfig o = c.optimizer();
    assertEquals(OptimizerName.MOMENTUM, o.name());
    assertEquals(new ClippingConfig(ClippingName.NORM, 5), o.clipping());
    assertTrue(o.scaleWithWorkers());
    assertEquals(List.of(2.0, 4.0), o.schedule().milestones());
    assertEquals(0.5, o.schedule().warmupEpochs());
    assertEquals(0.25, o.schedule().warmupStartFactor());
    assertEquals(MetricMode.MAX, o.schedule().plateau().metric().resolve(o.schedule().plateau().mode()));
    assertEquals(new EarlyStoppingConfig(3, MetricName.VAL_TOP5, MetricMode.AUTO, 0.01), o.earlyStopping());
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));
  }

  @Test
  void unknownNamesListWhatIsAllowed() {
    assertProblem("model.activation=swish", "model.activation", "swish",
        "relu, leakyrelu, elu, softplus, softsign, tanh, sigmoid");
    assertProblem("model.weight-init=lecun", "model.weight-init", "lecun", "xavier-uniform");
    assertProblem("model.loss=hinge", "model.loss", "hinge", "softmax-cross-entropy, binary-cross-entropy");
    assertProblem("model.pooling=l2", "model.pooling", "l2", "auto, max, avg");
    assertProblem("model.batch-norm=maybe", "model.batch-norm", "maybe", "auto, true or false");
    assertProblem("model.dropout=1", "model.dropout", "1", "[0, 1)");
    assertProblem("optimizer.schedule.name=exp", "optimizer.schedule.name", "exp",
        "constant, step, multistep, cosine, poly, plateau");
    assertProblem("optimizer.gradient-clipping=global", "optimizer.gradient-clipping", "global", "none, value, norm");
    assertProblem("optimizer.early-stopping.metric=acc", "optimizer.early-stopping.metric", "acc",
        "val_loss, val_top1, val_top5");
    assertProblem("optimizer.schedule.plateau.factor=1", "optimizer.schedule.plateau.factor", "1", "(0, 1)");
    assertProblem("optimizer.momentum=1", "optimizer.momentum", "1", "[0, 1)");
    assertProblem("optimizer.clipping-threshold=0", "optimizer.clipping-threshold", "0", "positive");
  }

  @Test
  void impossibleCombinationsSayWhatWouldWork() {
    assertProblem(List.of("model.arch=resnet50", "model.batch-norm=false"), "model.batch-norm",
        "false with model.arch = resnet50", "vgg16");
    assertProblem(List.of("model.arch=resnet18", "model.pooling=avg"), "model.pooling",
        "avg with model.arch = resnet18", "max or avg are for simple-cnn, lenet, lenet5, alexnet");
    assertProblem(List.of("model.arch=vgg16", "model.aux-classifiers=true"), "model.aux-classifiers",
        "true with model.arch = vgg16", "googlenet");
    assertProblem(List.of("optimizer.schedule.name=multistep", "optimizer.schedule.milestones=[30, 20]"),
        "optimizer.schedule.milestones", "[30,20]", "strictly increasing");
    assertProblem(List.of("optimizer.schedule.name=multistep", "optimizer.schedule.milestones=[]"),
        "optimizer.schedule.milestones", "[] with schedule multistep", "at least one");
    assertProblem(List.of("training.epochs=5", "optimizer.schedule.warmup-epochs=5"),
        "optimizer.schedule.warmup-epochs", "5 with training.epochs = 5", "fewer warmup epochs");
    assertProblem(List.of("optimizer.schedule.name=cosine", "optimizer.schedule.min-lr=0.5", "optimizer.lr=0.1"),
        "optimizer.schedule.min-lr", "0.5 with optimizer.lr = 0.1", "below optimizer.lr");
    // The same settings are fine where they make sense.
    ConfigLoader.load(null, List.of("model.arch=vgg16", "model.batch-norm=false", "model.pooling=avg"));
    ConfigLoader.load(null, List.of("model.arch=resnet50", "model.batch-norm=true"));
  }

  private static void assertProblem(String override, String key, String found, String allowedPart) {
    assertProblem(List.of(override), key, found, allowedPart);
  }

  private static void assertProblem(List<String> overrides, String key, String found, String allowedPart) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, overrides),
        overrides.toString());
    ConfigProblem p = e.problems().stream().filter(q -> q.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + e.problems()));
    assertTrue(p.found().contains(found), p + " should show value " + found);
    assertTrue(p.allowed().contains(allowedPart), p + " should say " + allowedPart);
  }
}
