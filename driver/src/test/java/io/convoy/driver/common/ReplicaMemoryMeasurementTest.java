package io.convoy.driver.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where {@link ReplicaMemory}'s multiple comes from: this process's resident memory growth per
 * example of batch size while a replica trains, against the estimate's. Slow (it trains resnet20
 * at batch 128) and machine-dependent, so tagged slow; run it with
 * {@code mvn -o test -pl driver -am -Dtest=ReplicaMemoryMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurefire.excludedGroups=none}.
 */
@Tag("slow")
class ReplicaMemoryMeasurementTest {
  @Test
  void theEstimateCoversTheMeasuredGrowthPerExample() {
    for (String arch : List.of("simple-cnn", "resnet20")) {
      ConvoyConfig c = ConfigLoader.load(null, List.of("model.arch=" + arch));
      ModelSpec spec = new ModelSpec(c.model(), new InputShape(32, 32, 3), 10, c.optimizer(), TrainingPlan.SINGLE);
      Replica replica = Replica.initialize(spec, 1);
      long at32 = residentAfterTraining(replica, 32);
      long at128 = residentAfterTraining(replica, 128);
      double measured = (at128 - at32) / 96.0;
      double estimated = (ReplicaMemory.bytes(spec, 128) - ReplicaMemory.bytes(spec, 32)) / 96.0;
      System.out.printf(Locale.ROOT, "%s: resident growth %.2f MB per example of batch, estimate %.2f MB%n", arch,
          measured / 1e6, estimated / 1e6);
      assertTrue(estimated >= measured, arch + ": estimate " + estimated + " < measured " + measured);
    }
  }

  private static long residentAfterTraining(Replica replica, int batch) {
    int length = replica.spec().input().length();
    float[] x = new float[batch * length];
    Random random = new Random(batch);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    int[] y = new int[batch];
    for (int step = 0; step < 3; step++) {
      replica.fit(x, y, batch);
    }
    System.gc();
    return Pointer.physicalBytes();
  }
}
