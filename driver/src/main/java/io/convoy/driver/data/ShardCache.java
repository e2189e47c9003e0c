package io.convoy.driver.data;

import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.codec.ImageCheck;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.data.HadoopConf;
import io.convoy.worker.data.ShardReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Loads shards' encoded image bytes onto the executors once and keeps them there: partition i
 * holds shard i in the shard's order, persisted in memory and spilled to local disk when memory
 * runs short, so that later epochs read no storage. Images come from their files, or from the
 * SequenceFiles of a pack, routed by a shuffle to the partition of their shard.
 */
public final class ShardCache {
  /**
   * Deserialized in memory (no Kryo round trip per epoch: the objects are byte arrays, whose
   * in-memory size is their serialized size anyway); serialized on disk when evicted.
   */
  static final StorageLevel LEVEL = StorageLevel.MEMORY_AND_DISK();

  private ShardCache() {}

  /**
   * @param packRoot the qualified URI of the pack the samples come from, or null when they are
   *     files
   * @throws DatasetException when a pack lacks images its key list promised
   */
  static JavaRDD<EncodedSample> load(JavaSparkContext sc, List<List<Sample>> shards, String packRoot,
      HadoopConf hadoop, String name) {
    return loadChecked(sc, shards, packRoot, hadoop, name).rdd();
  }

  /**
   * Cached shards and the images left out of them.
   *
   * @param rdd partition i holds shard i's usable images in the shard's order
   * @param skipped images whose bytes no decoder would read, with why
   */
  public record Loaded(JavaRDD<EncodedSample> rdd, List<SkippedFile> skipped) {}

  /** {@link #load}, then {@link #cache}: cached, counted and (files) every header checked. */
  public static Loaded loadChecked(JavaSparkContext sc, List<List<Sample>> shards, String packRoot, HadoopConf hadoop,
      String name) {
    JavaRDD<EncodedSample> rdd = read(sc, shards, packRoot, hadoop);
    if (packRoot != null) {
      // Only a pack can come up short (a file that cannot be read fails its task instead).
      // Packs hold only images that decoded when packed: no header check.
      return cache(sc, shards, rdd, name, false, "pack " + packRoot + " holds %d of the %d " + name
          + " images its " + PackedDataset.KEYS + " lists: the pack is incomplete; write it again with convoy pack");
    }
    return cache(sc, shards, rdd, name, true, name + ": %d of %d images read");
  }

  /**
   * Caches {@code rdd} (partition i holding shard i's images in the shard's order), checks that
   * it holds every sample of the shards and, when {@code checkHeaders}, every image's header:
   * an image the catalog let through but the decoders would refuse is dropped from its shard
   * and reported, instead of failing training.
   *
   * @param shortfall the error when images are missing, a format with the counts found and expected
   * @throws DatasetException when the RDD lacks samples the shards hold, or a shard is left
   *     with no usable image
   */
  public static Loaded cache(JavaSparkContext sc, List<List<Sample>> shards, JavaRDD<EncodedSample> rdd, String name,
      boolean checkHeaders, String shortfall) {
    rdd.setName(name).persist(LEVEL);
    sc.setJobGroup("convoy-load", "read " + name, false);
    long expected = shards.stream().mapToLong(List::size).sum();
    long loaded = rdd.count();
    if (loaded != expected) {
      throw new DatasetException(String.format(shortfall, loaded, expected));
    }
    if (!checkHeaders) {
      return new Loaded(rdd, List.of());
    }
    sc.setJobGroup("convoy-load", "check " + name, false);
    // Path TAB reason: a path ends before its first tab, a reason may hold any.
    List<SkippedFile> bad = rdd.flatMap(s -> ImageCheck.problem(s.bytes())
        .map(why -> List.of(s.path() + '\t' + why)).orElse(List.of()).iterator())
        .collect().stream().map(line -> new SkippedFile(line.substring(0, line.indexOf('\t')),
            line.substring(line.indexOf('\t') + 1))).toList();
    if (bad.isEmpty()) {
      return new Loaded(rdd, List.of());
    }
    Set<String> badPaths = new HashSet<>();
    bad.forEach(b -> badPaths.add(b.path()));
    JavaRDD<EncodedSample> kept = rdd.filter(s -> !badPaths.contains(s.path())).setName(name).persist(LEVEL);
    List<Boolean> holdsImages = kept.mapPartitions(it -> List.of(it.hasNext()).iterator()).collect();
    for (int i = 0; i < shards.size(); i++) {
      if (!shards.get(i).isEmpty() && !holdsImages.get(i)) {
        throw new DatasetException(name + ": every image of shard " + i + " is unusable (" + bad.size()
            + " unusable, e.g. " + bad.get(0).path() + ": " + bad.get(0).reason() + ")");
      }
    }
    rdd.unpersist(false);
    return new Loaded(kept, bad);
  }

  /** The shards' bytes, partition i holding shard i in order, read when computed (not cached). */
  public static JavaRDD<EncodedSample> read(JavaSparkContext sc, List<List<Sample>> shards, String packRoot,
      HadoopConf hadoop) {
    return packRoot == null ? fromFiles(sc, shards, hadoop) : fromPack(sc, shards, packRoot);
  }

  private static JavaRDD<EncodedSample> fromFiles(JavaSparkContext sc, List<List<Sample>> shards, HadoopConf hadoop) {
    // Partition i is shard i. The sample lists go out once as a broadcast, not inside the
    // partitions: a parallelized partition travels with every task of every stage over the
    // cached RDD (each training round's), 1.5 MB per task for an MNIST shard.
    Broadcast<List<List<Sample>>> members = sc.broadcast(shards);
    ShardReader reader = new ShardReader(hadoop);
    List<Integer> ids = IntStream.range(0, shards.size()).boxed().toList();
    return sc.parallelize(ids, shards.size()).mapPartitions(it -> {
      List<List<Sample>> mine = new ArrayList<>();
      it.forEachRemaining(id -> mine.add(members.value().get(id)));
      return reader.call(mine.iterator());
    }, true);
  }

  private static JavaRDD<EncodedSample> fromPack(JavaSparkContext sc, List<List<Sample>> shards, String packRoot) {
    Map<String, Long> slots = new HashMap<>();
    for (int shard = 0; shard < shards.size(); shard++) {
      List<Sample> members = shards.get(shard);
      for (int i = 0; i < members.size(); i++) {
        slots.put(PackedDataset.relativePath(members.get(i).path()), PackedRecordRouter.slot(shard, i));
      }
    }
    Broadcast<Map<String, Long>> broadcast = sc.broadcast(slots);
    return sc.sequenceFile(packRoot + "/" + PackedDataset.SHARD_GLOB, Text.class, BytesWritable.class)
        .flatMapToPair(new PackedRecordRouter(broadcast, packRoot))
        .repartitionAndSortWithinPartitions(new ShardPartitioner(shards.size()))
        .values();
  }
}
