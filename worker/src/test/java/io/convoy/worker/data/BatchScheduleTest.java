package io.convoy.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {
  @Test
  void everySampleOnceAnEpochWhenTheShardIsTheLargest() {
    BatchSchedule s = new BatchSchedule(7, 10, 3, 3);
    assertEquals(4, s.batchesPerEpoch());
    assertEquals(1, s.batchLength(3));
    List<Integer> seen = new ArrayList<>();
    for (int b = 0; b < s.batchesPerEpoch(); b++) {
      Arrays.stream(s.batch(0, 1, 10, b)).forEach(seen::add);
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen.stream().sorted().toList());
  }

  @Test
  void smallerShardsWrapAroundToTheSameNumberOfMinibatches() {
    BatchSchedule s = new BatchSchedule(7, 10, 4, 3);
    int[] counts = new int[9];
    for (int b = 0; b < s.batchesPerEpoch(); b++) {
      for (int i : s.batch(0, 0, 9, b)) {
        counts[i]++;
      }
    }
    assertEquals(10, Arrays.stream(counts).sum());
    assertEquals(1, Arrays.stream(counts).min().orElseThrow());
    assertEquals(2, Arrays.stream(counts).max().orElseThrow());
  }

  @Test
  void orderIsSeededByEpochAndShard() {
    BatchSchedule s = new BatchSchedule(7, 50, 50, 3);
    assertArrayEquals(s.batch(2, 1, 50, 0), new BatchSchedule(7, 50, 50, 3).batch(2, 1, 50, 0));
    assertFalse(Arrays.equals(s.batch(2, 1, 50, 0), s.batch(3, 1, 50, 0)));
    assertFalse(Arrays.equals(s.batch(2, 1, 50, 0), s.batch(2, 0, 50, 0)));
    assertFalse(Arrays.equals(s.batch(2, 1, 50, 0), new BatchSchedule(8, 50, 50, 3).batch(2, 1, 50, 0)));
  }
}
