package io.convoy.driver.data;

import io.convoy.pipeline.pack.PackKey;
import io.convoy.worker.data.EncodedSample;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Sends each record of a pack to its slot (shard, position) in a run's shards, and drops the
 * records that the run's shards do not hold (the other half of a validation split).
 */
final class PackedRecordRouter implements PairFlatMapFunction<Tuple2<Text, BytesWritable>, Long, EncodedSample> {
  private final Broadcast<Map<String, Long>> slots;
  private final String packRoot;

  PackedRecordRouter(Broadcast<Map<String, Long>> slots, String packRoot) {
    this.slots = slots;
    this.packRoot = packRoot;
  }

  /** Shard in the high 32 bits, position in the low ones: sorting slots orders by shard, then position. */
  static long slot(int shard, int position) {
    return ((long) shard << 32) | position;
  }

  static int shard(long slot) {
    return (int) (slot >>> 32);
  }

  @Override
  public Iterator<Tuple2<Long, EncodedSample>> call(Tuple2<Text, BytesWritable> record) {
    PackKey key = PackKey.decode(record._1().toString());
    Long slot = slots.value().get(key.path());
    if (slot == null) {
      return List.<Tuple2<Long, EncodedSample>>of().iterator();
    }
    // Hadoop reuses the Writable objects between records: copy the bytes out.
    return List.of(new Tuple2<>(slot, new EncodedSample(packRoot + "/" + key.path(), key.label(),
        record._2().copyBytes()))).iterator();
  }
}
