package io.convoy.pipeline.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Assigns samples to data partitions (one per replica) by a seeded, class-balanced shuffle.
 * Balanced shards keep replicas' gradients alike, which parameter averaging relies on.
 */
public final class Sharder {
  private Sharder() {}

  /**
   * Deals the samples to {@code partitions} shards: each class is shuffled with a generator
   * seeded by ({@code seed}, label) and dealt round-robin, the dealing position running on
   * from one class to the next. Hence shard sizes differ by at most one, and so do the counts
   * of any one class in different shards. Every sample lands in exactly one shard; the result
   * depends only on the set of samples and the seed, not on the input order.
   *
   * @return {@code partitions} lists (plain {@code ArrayList}s, which any Spark serializer
   *     can ship), each grouped by class
   */
  public static List<List<Sample>> shard(List<Sample> samples, int partitions, long seed) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions " + partitions + ": expected at least 1");
    }
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Sample.ORDER);
    List<List<Sample>> shards = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      shards.add(new ArrayList<>(sorted.size() / partitions + 1));
    }
    int position = 0;
    int from = 0;
    while (from < sorted.size()) {
      int label = sorted.get(from).label();
      int to = from;
      while (to < sorted.size() && sorted.get(to).label() == label) {
        to++;
      }
      List<Sample> members = sorted.subList(from, to);
      shuffle(members, new SplittableRandom(StableHash.of(seed, label)));
      for (Sample s : members) {
        shards.get(position++ % partitions).add(s);
      }
      from = to;
    }
    return shards;
  }

  /** Fisher-Yates, spelled out so the order does not depend on the JDK's Collections.shuffle. */
  private static void shuffle(List<Sample> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}
