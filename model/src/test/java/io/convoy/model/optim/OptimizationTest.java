package io.convoy.model.optim;

import io.convoy.model.HeavyBallMomentum;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ClippingConfig;
import io.convoy.conf.EarlyStoppingConfig;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.PlateauConfig;
import io.convoy.conf.ScheduleConfig;
import io.convoy.conf.names.ClippingName;
import io.convoy.conf.names.MetricMode;
import io.convoy.conf.names.MetricName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.conf.names.ScheduleName;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Schedules, warmup and scaling, heavy-ball momentum, the learning-rate factor and the trackers. */
class OptimizationTest {
  private static final OptimizerConfig SGD = new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0);

  private static ScheduleConfig schedule(ScheduleName name) {
    return new ScheduleConfig(name, 0.1, 3, List.of(2.0, 5.0), 2.0, 0.001, 0, null, PlateauConfig.DEFAULT);
  }

  private static ScheduleConfig withWarmup(ScheduleConfig s, double epochs, Double start) {
    return new ScheduleConfig(s.name(), s.gamma(), s.stepEpochs(), s.milestones(), s.power(), s.minLr(), epochs, start,
        s.plateau());
  }

  /** 10 steps per epoch, 10 epochs, one worker. */
  private static double lr(ScheduleConfig s, long step) {
    return new LearningRateSchedule(SGD.withSchedule(s), new TrainingPlan(1, 10, 10)).at(step);
  }

  @Test
  void eachScheduleGivesTheDocumentedRate() {
    assertEquals(0.1, lr(schedule(ScheduleName.CONSTANT), 95), 1e-12);
    // step: x0.1 every 3 epochs
    assertEquals(0.1, lr(schedule(ScheduleName.STEP), 29), 1e-12);
    assertEquals(0.01, lr(schedule(ScheduleName.STEP), 30), 1e-12);
    assertEquals(0.001, lr(schedule(ScheduleName.STEP), 65), 1e-12);
    // multistep: x0.1 at epochs 2 and 5
    assertEquals(0.1, lr(schedule(ScheduleName.MULTISTEP), 19), 1e-12);
    assertEquals(0.01, lr(schedule(ScheduleName.MULTISTEP), 20), 1e-12);
    assertEquals(0.001, lr(schedule(ScheduleName.MULTISTEP), 99), 1e-12);
    // cosine from 0.1 to min-lr 0.001 over 10 epochs: halfway is the midpoint
    assertEquals(0.1, lr(schedule(ScheduleName.COSINE), 0), 1e-12);
    assertEquals((0.1 + 0.001) / 2, lr(schedule(ScheduleName.COSINE), 50), 1e-12);
    assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.25)) / 2, lr(schedule(ScheduleName.COSINE), 25), 1e-12);
    assertEquals(0.001, lr(schedule(ScheduleName.COSINE), 100), 1e-12);
    // poly, power 2: min + (lr0 - min)(1 - t)^2
    assertEquals(0.001 + 0.099 * 0.25, lr(schedule(ScheduleName.POLY), 50), 1e-12);
    assertEquals(0.001 + 0.099 * 0.81, lr(schedule(ScheduleName.POLY), 10), 1e-12);
    // plateau is constant until the driver applies a factor
    assertEquals(0.1, lr(schedule(ScheduleName.PLATEAU), 77), 1e-12);
  }

  @Test
  void warmupAndScalingCombineAsDocumented() {
    OptimizerConfig scaled = SGD.withScheduleAndScaling(withWarmup(schedule(ScheduleName.COSINE), 2, null));
    TrainingPlan plan = new TrainingPlan(4, 10, 10);
    LearningRateSchedule s = new LearningRateSchedule(scaled, plan);
    assertEquals(0.4, s.baseRate(), 1e-12);
    // auto start factor = 1/workers: the ramp starts at the unscaled lr and reaches lr0 at epoch 2
    assertEquals(0.1, s.at(0), 1e-12);
    assertEquals(0.1 + (0.4 - 0.1) * 0.5, s.at(10), 1e-12); // epoch 1 of 2: cosine still at lr0
    assertEquals(0.4, s.at(20), 1e-12);
    // after warmup, cosine runs over the remaining 8 epochs
    assertEquals((0.4 + 0.001) / 2, s.at(60), 1e-12);
    // without scaling, auto starts from 0; an explicit start factor wins
    assertEquals(0.0, lr(withWarmup(schedule(ScheduleName.CONSTANT), 1, null), 0), 1e-12);
    assertEquals(0.05, lr(withWarmup(schedule(ScheduleName.CONSTANT), 1, null), 5), 1e-12);
    assertEquals(0.025 + 0.075 * 0.5, lr(withWarmup(schedule(ScheduleName.CONSTANT), 1, 0.25), 5), 1e-12);
    // step milestones count from the start of training, warmup multiplies on top
    assertEquals(0.01 * (0.25 + 0.75 * 0.5), lr(withWarmup(schedule(ScheduleName.MULTISTEP), 4, 0.25), 20), 1e-12);
  }

  @Test
  void trainingPlanCountsStepsAsTheShardsAreDealt() {
    assertEquals(new TrainingPlan(2, 5, 4), TrainingPlan.of(2, 5, 32, 250)); // shards of 125: 4 batches
    assertEquals(1, TrainingPlan.of(3, 1, 64, 2).stepsPerEpoch());
  }

  @Test
  void heavyBallMomentumFollowsTheTextbookRule() {
    double lr = 0.1;
    double mu = 0.9;
    INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 3);
    GradientUpdater<?> u = new HeavyBallMomentum(lr, mu).instantiate(state, true);
    double[] w = {1, 2, 3};
    double[] v = {0, 0, 0};
    double[] expectedW = w.clone();
    Random rnd = new Random(4);
    for (int step = 0; step < 5; step++) {
      double[] g = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
      INDArray update = Nd4j.createFromArray(g).reshape(1, 3);
      u.applyUpdater(update, step, 0);
      for (int i = 0; i < 3; i++) {
        v[i] = mu * v[i] + g[i];
        expectedW[i] -= lr * v[i];
        w[i] -= update.getDouble(0, i);
      }
    }
    assertArrayEquals(expectedW, w, 1e-12);
    assertArrayEquals(v, state.toDoubleVector(), 1e-12);
  }

  @Test
  void momentumTrainsSavesAndKeepsOneVelocityPerParameter() throws Exception {
    ModelSpec spec = new ModelSpec("simple-cnn", new InputShape(8, 8, 1), 2,
        new OptimizerConfig(OptimizerName.MOMENTUM, 0.05, 0.9, 0));
    Replica r = Replica.initialize(spec, 2);
    float[] x = new float[4 * 64];
    Arrays.fill(x, 0, 128, 1f);
    int[] y = {0, 0, 1, 1};
    double first = r.fit(x, y, 4);
    double last = first;
    for (int i = 0; i < 10; i++) {
      last = r.fit(x, y, 4);
    }
    assertTrue(last < first, first + " -> " + last);
    assertEquals(r.numParameters(), r.updaterStateLength());
    var bytes = new java.io.ByteArrayOutputStream();
    r.save(bytes, true);
    var loaded = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
        new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
    assertArrayEquals(r.updaterState(), loaded.getUpdater().getStateViewArray().toFloatVector(), 0f);
  }

  @Test
  void learningRateFactorScalesTheStepFromNowOn() {
    ModelSpec spec = new ModelSpec("lenet5", new InputShape(16, 16, 1), 2, SGD);
    Replica r = Replica.initialize(spec, 1);
    float[] x = new float[2 * 256];
    Arrays.fill(x, 0, 256, 1f);
    int[] y = {0, 1};
    assertEquals(0.1, r.learningRate(), 1e-12);
    r.setLearningRateFactor(0);
    float[] before = r.parameters();
    r.fit(x, y, 2);
    assertArrayEquals(before, r.parameters(), 0f, "a zero factor must freeze the weights");
    assertEquals(0.0, r.learningRate());
    // Half the rate gives half the plain-SGD step.
    Replica full = Replica.withParameters(spec, before);
    Replica half = Replica.withParameters(spec, before);
    half.setLearningRateFactor(0.5);
    assertEquals(0.05, half.learningRate(), 1e-12);
    full.fit(x, y, 2);
    half.fit(x, y, 2);
    float[] a = full.parameters();
    float[] b = half.parameters();
    for (int i = 0; i < a.length; i++) {
      assertEquals((a[i] - before[i]) / 2, b[i] - before[i], 1e-6, "parameter " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> r.setLearningRateFactor(-1));
  }

  @Test
  void scheduledRateReachesTheUpdaters() {
    OptimizerConfig stepped = SGD.withSchedule(schedule(ScheduleName.STEP));
    ModelSpec spec = new ModelSpec(new ModelConfig("lenet5", 2), new InputShape(16, 16, 1), 2, stepped,
        new TrainingPlan(1, 10, 1));
    Replica a = Replica.initialize(spec, 1);
    Replica b = Replica.withParameters(spec, a.parameters());
    b.setStep(3, 3); // epoch 3: rate 0.01
    assertEquals(0.01, b.learningRate(), 1e-12);
    float[] x = new float[2 * 256];
    Arrays.fill(x, 0, 256, 1f);
    int[] y = {0, 1};
    float[] before = a.parameters();
    a.fit(x, y, 2);
    b.fit(x, y, 2);
    float[] pa = a.parameters();
    float[] pb = b.parameters();
    for (int i = 0; i < pa.length; i++) {
      assertEquals((pa[i] - before[i]) / 10, pb[i] - before[i], 1e-6, "parameter " + i);
    }
  }

  @Test
  void gradientClippingBoundsEachElementOfTheStep() {
    OptimizerConfig clipped = SGD.withClipping(new ClippingConfig(ClippingName.VALUE, 1e-4));
    ModelSpec spec = new ModelSpec(new ModelConfig("lenet5", 2), new InputShape(16, 16, 1), 2, clipped,
        TrainingPlan.SINGLE);
    Replica r = Replica.initialize(spec, 1);
    float[] x = new float[2 * 256];
    Arrays.fill(x, 0, 256, 5f);
    float[] before = r.parameters();
    r.fit(x, new int[] {0, 1}, 2);
    float[] after = r.parameters();
    double largest = 0;
    for (int i = 0; i < after.length; i++) {
      largest = Math.max(largest, Math.abs(after[i] - before[i]));
    }
    assertTrue(largest <= 0.1 * 1e-4 * 1.01, "largest step " + largest); // lr x threshold, float rounding
    assertTrue(largest > 0);
  }

  @Test
  void plateauDropsAfterPatienceAndStopsAtMinLr() {
    PlateauTracker p = new PlateauTracker(MetricMode.MIN, 2, 0.5, 0.02, 0.1, 0.0);
    assertEquals(1.0, p.observe(1.0));
    assertEquals(1.0, p.observe(1.0)); // 1 without improvement
    assertEquals(1.0, p.observe(1.2)); // 2
    assertEquals(0.5, p.observe(1.1)); // 3 > patience: drop, count restarts
    assertEquals(0.5, p.observe(0.9)); // improvement
    for (int i = 0; i < 3; i++) {
      p.observe(0.95);
    }
    assertEquals(0.25, p.factor());
    for (int i = 0; i < 6; i++) {
      p.observe(0.95);
    }
    assertEquals(0.2, p.factor(), 1e-12); // min-lr 0.02 / base 0.1
    PlateauTracker max = new PlateauTracker(MetricMode.MAX, 0, 0.1, 0, 1, 0.01);
    assertEquals(1.0, max.observe(0.5));
    assertEquals(0.1, max.observe(0.505), 1e-12); // not better by more than min-delta
  }

  @Test
  void plateauTrackerOfASpecUsesTheScaledBaseRate() {
    OptimizerConfig o = SGD.withScheduleAndScaling(new ScheduleConfig(ScheduleName.PLATEAU, 0.1, 1, List.of(1.0), 1,
        0.05, 0, null, new PlateauConfig(MetricName.VAL_TOP1, MetricMode.AUTO, 0, 0.1, 0)));
    ModelSpec spec = new ModelSpec(new ModelConfig("lenet5", 2), new InputShape(16, 16, 1), 2, o,
        new TrainingPlan(2, 1, 1));
    PlateauTracker p = PlateauTracker.of(spec);
    p.observe(0.5);
    assertEquals(0.25, p.observe(0.4), 1e-12); // top-1 fell (max mode); floor 0.05 / 0.2
  }

  @Test
  void earlyStoppingWaitsPatienceEvaluations() {
    EarlyStopping e = EarlyStopping.of(new EarlyStoppingConfig(2, MetricName.VAL_LOSS, MetricMode.AUTO, 0.1));
    assertTrue(e.enabled());
    assertFalse(e.observe(1.0));
    assertFalse(e.observe(0.95)); // within min-delta: not an improvement
    assertTrue(e.observe(0.99));
    assertEquals(1.0, e.best());
    assertEquals(0, e.bestEvaluation());
    EarlyStopping top1 = new EarlyStopping(MetricMode.MAX, 1, 0);
    assertFalse(top1.observe(0.3));
    assertFalse(top1.observe(0.4));
    assertTrue(top1.observe(Double.NaN));
    EarlyStopping off = EarlyStopping.of(EarlyStoppingConfig.OFF);
    for (int i = 0; i < 5; i++) {
      assertFalse(off.observe(1.0));
    }
    assertNotEquals(0, MetricName.VAL_TOP5.resolve(MetricMode.AUTO).compareTo(MetricMode.MIN));
  }
}
