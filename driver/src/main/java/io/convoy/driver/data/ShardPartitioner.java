package io.convoy.driver.data;

import org.apache.spark.Partitioner;

/** Partition i holds the slots of shard i (see {@link PackedRecordRouter#slot}). */
final class ShardPartitioner extends Partitioner {
  private final int shards;

  ShardPartitioner(int shards) {
    this.shards = shards;
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    return PackedRecordRouter.shard((Long) key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards;
  }

  @Override
  public int hashCode() {
    return shards;
  }
}
