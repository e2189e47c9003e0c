package io.convoy.driver.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How predict --data splits its images into tasks. */
class ScoringTasksTest {

  @Test
  void oneTaskPerSlotWhileTasksStayWithinTheSizeBound() {
    assertEquals(2, ScoringTasks.count(16_000, 2));
    assertEquals(2, ScoringTasks.count(40_000, 2));
    assertEquals(8, ScoringTasks.count(100_000, 8));
  }

  @Test
  void largerInputsTakeWholeWavesOfSlots() {
    // 50,000 on 2 slots needs 3 tasks of at most 20,000; 4 keeps the last wave full.
    assertEquals(4, ScoringTasks.count(50_000, 2));
    assertEquals(6, ScoringTasks.count(100_001, 2));
    for (int images : new int[] {3, 999, 40_001, 1_234_567}) {
      int tasks = ScoringTasks.count(images, 3);
      assertEquals(0, tasks % 3, images + " images");
      assertTrue((images + tasks - 1) / tasks <= ScoringTasks.MAX_IMAGES_PER_TASK, images + " images");
    }
  }

  @Test
  void fewerImagesThanSlotsGetATaskEach() {
    assertEquals(1, ScoringTasks.count(1, 4));
    assertEquals(3, ScoringTasks.count(3, 4));
    assertEquals(1, ScoringTasks.count(0, 4));
    assertEquals(1, ScoringTasks.count(5, 0), "no slots reported: one");
  }
}
