package io.convoy.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.common.SparkContexts;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard bytes are read from storage once, then served from the executors' block managers:
 * counted by Hadoop's file system statistics, which see every read through the FileSystem API
 * in this JVM (local[2] executors share it). (Spark's task input metrics would not tell: they
 * count bytes served from the cache as input too.)
 */
class ShardCacheTest {
  @TempDir static Path data;
  @TempDir static Path pack;
  static JavaSparkContext sc;

  @BeforeAll
  static void start() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 10, 1, 16, "png", 5), data);
    sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[2]")), "shard cache test");
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  @Test
  void filesAreReadOnceAndLaterEpochsReadNoStorage() throws Exception {
    Catalog catalog = Catalog.scan(data.resolve("train").toString(), sc.hadoopConfiguration());
    List<List<Sample>> shards = Sharder.shard(catalog.samples(), 2, 9);
    long size = 0;
    for (Sample s : catalog.samples()) {
      size += Files.size(Path.of(java.net.URI.create(s.path())));
    }
    long before = fileBytesRead();
    JavaRDD<EncodedSample> rdd = ShardCache.load(sc, shards, null, new HadoopConf(sc.hadoopConfiguration()), "files");
    assertTrue(fileBytesRead() - before >= size, "the load reads every image");
    assertEpochsReadNothing(rdd, shards, size);
  }

  /**
   * Every task over the cached shards (each training round's) carries its partition: the shard's
   * sample list must not be inside it, or the task grows with the shard (1.5 MB for MNIST's).
   */
  @Test
  void tasksOverTheShardsDoNotCarryTheirSampleLists() throws Exception {
    Catalog catalog = Catalog.scan(data.resolve("train").toString(), sc.hadoopConfiguration());
    List<Sample> many = new ArrayList<>(); // 3,000 samples: their list serializes to ~300 KB
    for (int copy = 0; copy < 100; copy++) {
      for (Sample s : catalog.samples()) { // distinct objects: serialization would share repeated ones
        many.add(new Sample(new String(s.path()), s.label()));
      }
    }
    List<List<Sample>> shards = Sharder.shard(many, 2, 9);
    JavaRDD<EncodedSample> rdd = ShardCache.load(sc, shards, null, new HadoopConf(sc.hadoopConfiguration()), "many");
    assertEquals(many.size(), rdd.count());
    var serializer = sc.env().closureSerializer().newInstance();
    for (org.apache.spark.Partition p : rdd.rdd().partitions()) {
      int bytes = serializer.serialize(p, scala.reflect.ClassTag$.MODULE$.apply(org.apache.spark.Partition.class))
          .remaining();
      assertTrue(bytes < 2_000, "partition " + p.index() + " serializes to " + bytes + " bytes");
    }
    rdd.unpersist(true);
  }

  @Test
  void packsAreReadOnceAndEveryShardGetsItsSamplesInOrder() throws Exception {
    Path out = pack.resolve("train");
    PackJob.run(sc, data.resolve("train").toString(), out.toString(), 3, 1);
    String root = PackedDataset.qualified(out.toString(), sc.hadoopConfiguration());
    Catalog catalog = PackedDataset.catalog(root, sc.hadoopConfiguration());
    // Fewer training shards than pack files, and only part of the pack (as with a validation split).
    List<Sample> some = catalog.split(0.3, 4).train().samples();
    List<List<Sample>> shards = Sharder.shard(some, 2, 9);
    long size = 0;
    for (Sample s : some) {
      size += Files.size(data.resolve("train").resolve(PackedDataset.relativePath(s.path())));
    }
    long before = fileBytesRead();
    JavaRDD<EncodedSample> rdd = ShardCache.load(sc, shards, root, new HadoopConf(sc.hadoopConfiguration()), "pack");
    assertTrue(fileBytesRead() - before >= size, "the load reads the pack");
    assertEpochsReadNothing(rdd, shards, size);
  }

  private static void assertEpochsReadNothing(JavaRDD<EncodedSample> rdd, List<List<Sample>> shards, long size) {
    List<List<String>> expected = new ArrayList<>();
    for (List<Sample> shard : shards) {
      expected.add(shard.stream().map(s -> PackedDataset.relativePath(s.path())).toList());
    }
    long before = fileBytesRead();
    for (int epoch = 0; epoch < 2; epoch++) {
      assertEquals(size, (long) rdd.map(s -> (long) s.bytes().length).reduce(Long::sum));
      List<List<String>> partitions = rdd.mapPartitions(it -> {
        List<String> paths = new ArrayList<>();
        it.forEachRemaining(s -> paths.add(PackedDataset.relativePath(s.path())));
        return List.of(paths).iterator();
      }).collect();
      assertEquals(expected, partitions, "partition i holds shard i in the shard's order");
    }
    assertEquals(0, fileBytesRead() - before, "no storage reads after the load");
    assertEquals(ShardCache.LEVEL, rdd.getStorageLevel());
    RDDInfo info = java.util.Arrays.stream(sc.sc().getRDDStorageInfo()).filter(i -> i.id() == rdd.id())
        .findFirst().orElseThrow();
    assertEquals(shards.size(), info.numCachedPartitions());
  }

  private static long fileBytesRead() {
    return FileSystem.getAllStatistics().stream().filter(s -> s.getScheme().equals("file"))
        .mapToLong(FileSystem.Statistics::getBytesRead).sum();
  }
}
