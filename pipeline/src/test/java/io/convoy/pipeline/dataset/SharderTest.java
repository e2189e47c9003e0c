package io.convoy.pipeline.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SharderTest {
  /** Uneven classes: 7, 13, 1, 0 and 20 samples. */
  private static final List<Sample> SAMPLES = samples(7, 13, 1, 0, 20);

  @Test
  void shardSizesAndPerClassCountsDifferByAtMostOne() {
    for (int partitions : new int[] {1, 2, 3, 4, 5, 7, 41, 50}) {
      List<List<Sample>> shards = Sharder.shard(SAMPLES, partitions, 42);
      assertEquals(partitions, shards.size());
      IntSummaryStatistics sizes = shards.stream().mapToInt(List::size).summaryStatistics();
      assertTrue(sizes.getMax() - sizes.getMin() <= 1, partitions + " partitions: " + sizes);
      for (int label = 0; label < 5; label++) {
        int l = label;
        IntSummaryStatistics counts = shards.stream()
            .mapToInt(s -> (int) s.stream().filter(x -> x.label() == l).count()).summaryStatistics();
        assertTrue(counts.getMax() - counts.getMin() <= 1, partitions + " partitions, class " + label + ": " + counts);
      }
    }
  }

  @Test
  void everySampleLandsInExactlyOneShard() {
    List<Sample> all = new ArrayList<>();
    Sharder.shard(SAMPLES, 4, 42).forEach(all::addAll);
    assertEquals(SAMPLES.size(), all.size());
    assertEquals(new HashSet<>(SAMPLES), new HashSet<>(all));
  }

  @Test
  void sameSeedSameShardsOtherSeedOtherShards() {
    assertEquals(Sharder.shard(SAMPLES, 4, 42), Sharder.shard(SAMPLES, 4, 42));
    assertNotEquals(Sharder.shard(SAMPLES, 4, 42), Sharder.shard(SAMPLES, 4, 43));
  }

  @Test
  void inputOrderDoesNotMatter() {
    List<Sample> shuffled = new ArrayList<>(SAMPLES);
    Collections.shuffle(shuffled, new Random(3));
    assertEquals(Sharder.shard(SAMPLES, 3, 9), Sharder.shard(shuffled, 3, 9));
  }

  @Test
  void classesAreShuffledBeforeDealing() {
    List<Sample> one = samples(40);
    List<Sample> evens = IntStream.range(0, 20).mapToObj(i -> one.get(2 * i)).toList();
    assertNotEquals(new HashSet<>(evens), new HashSet<>(Sharder.shard(one, 2, 5).get(0)));
  }

  @Test
  void emptyInputAndBadPartitions() {
    assertEquals(List.of(List.of(), List.of()), Sharder.shard(List.of(), 2, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sharder.shard(SAMPLES, 0, 1));
    assertTrue(e.getMessage().contains("partitions 0"), e.getMessage());
  }

  private static List<Sample> samples(int... perClass) {
    List<Sample> out = new ArrayList<>();
    for (int label = 0; label < perClass.length; label++) {
      for (int i = 0; i < perClass[label]; i++) {
        out.add(new Sample(String.format("file:/d/c%d/%03d.png", label, i), label));
      }
    }
    return out;
  }
}
