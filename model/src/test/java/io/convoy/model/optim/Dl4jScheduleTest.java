package io.convoy.model.optim;

import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.conf.ClippingConfig;
import io.convoy.conf.EarlyStoppingConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.PlateauConfig;
import io.convoy.conf.ScheduleConfig;
import io.convoy.conf.names.OptimizerName;
import io.convoy.conf.names.ScheduleName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jScheduleTest {
  /** Cosine decay with a warmup epoch, over 3 epochs of 4 steps, two workers (scaled rate). */
  private static final OptimizerConfig COSINE = new OptimizerConfig(OptimizerName.NESTEROV, 0.05, 0.9, 1e-4, 0,
      ClippingConfig.NONE, true, new ScheduleConfig(ScheduleName.COSINE, 0.1, 30, List.of(30.0), 1.0, 0.001, 1,
          null, PlateauConfig.DEFAULT), EarlyStoppingConfig.OFF);

  /**
   * A plain DL4J network with the schedule installed, trained by DL4J's own fit (as dl4j-spark
   * trains), takes the same steps as a replica that sets the rate itself.
   */
  @Test
  void dl4jTrainingWithTheInstalledScheduleTakesTheReplicasSteps() throws Exception {
    ModelSpec spec = new ModelSpec(new io.convoy.conf.ModelConfig("simple-cnn", 3), new InputShape(8, 8, 1), 3,
        COSINE, new TrainingPlan(2, 3, 4));
    Replica replica = Replica.initialize(spec, 11);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    replica.save(bytes, true);
    MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
        true);
    Dl4jSchedule.install(plain, spec);
    LearningRateSchedule schedule = new LearningRateSchedule(COSINE, spec.plan());
    SplittableRandom rnd = new SplittableRandom(2);
    int n = 4;
    for (int step = 0; step < 12; step++) {
      float[] x = new float[n * spec.input().length()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      int[] y = {0, 1, 2, step % 3};
      assertEquals(schedule.at(step), plain.getLearningRate(0), 1e-9, "rate at step " + step);
      replica.setStep(step, step / 4);
      replica.fit(x, y, n);
      var labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 3);
      for (int i = 0; i < n; i++) {
        labels.putScalar(i, y[i], 1f);
      }
      plain.fit(Nd4j.create(x, new long[] {n, 1, 8, 8}, 'c'), labels);
    }
    assertArrayEquals(replica.parameters(), plain.params().toFloatVector(), 1e-6f);
  }

  @Test
  void listsTheRateOfEveryStepOfThePlan() {
    ModelSpec spec = new ModelSpec(new io.convoy.conf.ModelConfig("simple-cnn", 3), new InputShape(8, 8, 1), 3,
        COSINE, new TrainingPlan(2, 3, 4));
    var dl4j = Dl4jSchedule.of(spec);
    LearningRateSchedule ours = new LearningRateSchedule(COSINE, spec.plan());
    for (int step = 0; step <= 12; step++) {
      assertEquals(ours.at(step), dl4j.valueAt(step, 0), 1e-12, "step " + step);
    }
    assertEquals(0.1 * 0.5, ours.at(0), 1e-12); // warmup from the single-worker rate
  }
}
