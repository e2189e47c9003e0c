package io.convoy.worker.jobs;

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

  @Test
  void sumsDoNotDependOnTheOrderTasksFinishIn() {
    float[][] vectors = {{1e-3f, 3.3f}, {7e2f, -1.1f}, {-7e2f, 2.2f}, {0.1f, 1e-6f}};
    RoundResult forward = RoundResult.empty();
    for (float[] v : vectors) {
      forward = forward.add(replica(v, new float[0], 0, 1));
    }
    // A tree in another order, as treeAggregate builds when tasks finish differently.
    RoundResult left = replica(vectors[3], new float[0], 0, 1).add(replica(vectors[1], new float[0], 0, 1));
    RoundResult right = replica(vectors[2], new float[0], 0, 1).add(replica(vectors[0], new float[0], 0, 1));
    assertArrayEquals(forward.vectorSum(), right.add(left).vectorSum(), 0f);
    assertArrayEquals(new float[] {0.1f + 1e-3f, 4.4f + 1e-6f}, forward.vectorSum(), 1e-6f);
  }

  @Test
  void aSingleReplicaIsItsOwnMean() {
    RoundResult r = replica(new float[] {1, 2}, new float[] {3}, 1, 1);
    assertArrayEquals(new float[] {1, 2}, RoundResult.empty().add(r).meanParameters());
    assertArrayEquals(new float[] {3}, r.meanUpdaterState());
  }

  private static RoundResult replica(float[] params, float[] updater, double loss, long examples) {
    RoundResult r = RoundResult.of(params, updater);
    r.batches = 1;
    r.lossSum = loss;
    r.examples = examples;
    return r;
  }
}
