package io.convoy.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RoundResultTest {
  @Test
  void sumsAndAveragesReplicas() {
    RoundResult total = RoundResult.empty()
        .add(replica(new float[] {1, 2}, new float[] {0, 4}, 2.0, 64))
        .add(RoundResult.empty())
        .add(replica(new float[] {3, 6}, new float[] {2, 0}, 1.0, 64));
    assertEquals(2, total.replicas());
    assertArrayEquals(new float[] {2, 4}, total.meanParameters());
    assertArrayEquals(new float[] {1, 2}, total.meanUpdaterState());
    assertEquals(1.5, total.meanLoss());
    assertEquals(128, total.examples());
  }

  @Test
  void emptyIsNeutralOnBothSides() {
    RoundResult r = replica(new float[] {1}, new float[0], 1, 1);
    assertSame(r, RoundResult.empty().add(r));
    assertSame(r, r.add(RoundResult.empty()));
  }

  private static RoundResult replica(float[] params, float[] updater, double loss, long examples) {
    RoundResult r = new RoundResult();
    r.vectorSum = params;
    r.updaterStateSum = updater;
    r.replicas = 1;
    r.batches = 1;
    r.lossSum = loss;
    r.examples = examples;
    return r;
  }
}
