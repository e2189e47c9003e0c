package io.convoy.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.common.SparkContexts;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With too little executor memory to hold the shards, their bytes spill to the executors' local
 * disks, and later epochs still read them from there, not from the dataset's storage.
 */
class ShardSpillTest {
  @TempDir Path data;

  @Test
  void shardsThatDoNotFitInMemoryAreServedFromLocalDisk() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(2, 12, 1, 32, "png", 8), data);
    // A storage region of a few kilobytes: no partition's bytes fit.
    System.setProperty("spark.memory.fraction", "0.000001");
    JavaSparkContext sc;
    try {
      sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[2]")), "shard spill test");
    } finally {
      System.clearProperty("spark.memory.fraction");
    }
    try (sc) {
      Catalog catalog = Catalog.scan(data.resolve("train").toString(), sc.hadoopConfiguration());
      List<List<Sample>> shards = Sharder.shard(catalog.samples(), 2, 3);
      long size = 0;
      for (Sample s : catalog.samples()) {
        size += Files.size(Path.of(java.net.URI.create(s.path())));
      }
      JavaRDD<EncodedSample> rdd = ShardCache.load(sc, shards, null, new HadoopConf(sc.hadoopConfiguration()), "spill");
      RDDInfo info = java.util.Arrays.stream(sc.sc().getRDDStorageInfo()).filter(i -> i.id() == rdd.id())
          .findFirst().orElseThrow();
      assertEquals(2, info.numCachedPartitions());
      assertEquals(0, info.memSize(), "nothing fits in memory");
      assertTrue(info.diskSize() >= size, "the shards' bytes are on local disk: " + info.diskSize());
      long before = fileBytesRead();
      for (int epoch = 0; epoch < 2; epoch++) {
        assertEquals(size, (long) rdd.map(s -> (long) s.bytes().length).reduce(Long::sum));
      }
      assertEquals(0, fileBytesRead() - before, "later epochs read no dataset storage");
    }
  }

  private static long fileBytesRead() {
    return FileSystem.getAllStatistics().stream().filter(s -> s.getScheme().equals("file"))
        .mapToLong(FileSystem.Statistics::getBytesRead).sum();
  }
}
