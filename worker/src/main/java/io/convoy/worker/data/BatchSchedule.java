package io.convoy.worker.data;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which samples of a shard form which minibatch in an epoch. Every shard is walked in a seeded
 * permutation of its own (seed, epoch, shard) and padded by wrapping around to
 * {@code epochLength}, the size of the largest shard, so that every replica trains the same
 * number of minibatches (as PyTorch's DistributedSampler pads) and averaging weights are equal.
 *
 * @param seed the run's seed
 * @param epochLength samples each shard contributes per epoch (largest shard size)
 * @param batchSize minibatch size per replica
 * @param epochs epochs of the run
 */
public record BatchSchedule(long seed, int epochLength, int batchSize, int epochs) implements Serializable {

  public int batchesPerEpoch() {
    return (epochLength + batchSize - 1) / batchSize;
  }

  /** Size of minibatch {@code batch} (the last one of an epoch may be short). */
  public int batchLength(int batch) {
    return Math.min(batchSize, epochLength - batch * batchSize);
  }

  /** Indexes into the shard (of {@code shardSize} samples) of minibatch {@code batch}. */
  public int[] batch(int epoch, int shard, int shardSize, int batch) {
    int[] order = order(epoch, shard, shardSize);
    int from = batch * batchSize;
    int[] result = new int[batchLength(batch)];
    for (int i = 0; i < result.length; i++) {
      result[i] = order[(from + i) % shardSize];
    }
    return result;
  }

  /** A Fisher-Yates permutation of the shard seeded by (seed, epoch, shard). */
  int[] order(int epoch, int shard, int shardSize) {
    int[] order = new int[shardSize];
    for (int i = 0; i < shardSize; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(mix(seed, epoch, shard));
    for (int i = shardSize - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static long mix(long seed, int epoch, int shard) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + shard;
    return h ^ (h >>> 29);
  }
}
