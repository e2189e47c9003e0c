package io.convoy.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The training-metrics subset keeps every class's share of a class-grouped shard. */
class EvenSubsetTest {
  @Test
  void picksEvenlySpacedSamplesSoEveryClassKeepsItsShare() {
    // A shard as Sharder makes it: grouped by class, 30 of class 0, 30 of class 1, 30 of class 2.
    List<Integer> shard = IntStream.range(0, 90).map(i -> i / 30).boxed().toList();
    List<Integer> picked = EvenSubset.pick(shard, 9);
    assertEquals(List.of(0, 0, 0, 1, 1, 1, 2, 2, 2), picked);
    assertEquals(shard, EvenSubset.pick(shard, 90));
    assertEquals(shard, EvenSubset.pick(shard, 1000));
  }
}
