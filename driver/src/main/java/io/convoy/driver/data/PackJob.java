package io.convoy.driver.data;

import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.UsageException;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.pipeline.pack.PackIndex;
import io.convoy.pipeline.pack.PackShard;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.pipeline.pack.PixelStats;
import io.convoy.worker.HadoopConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy pack}: one Spark task per shard writes its SequenceFile and sums pixel
 * statistics; the driver merges the sums and writes the key list, labels, skipped files and,
 * last, {@code index.json}, whose presence marks a complete pack.
 */
public final class PackJob {
  private PackJob() {}

  /**
   * Packs the image folder {@code data} into {@code shards} SequenceFiles in {@code out}.
   *
   * @throws UsageException when {@code out} exists and is not an empty folder
   */
  public static PackIndex run(JavaSparkContext sc, String data, String out, int shards, long seed) {
    Configuration hadoop = sc.hadoopConfiguration();
    Catalog catalog = Catalog.scan(data, hadoop);
    OutputDir dir = prepare(out, hadoop);
    // Class-balanced, so that any one shard is a fair sample of the dataset.
    List<List<Sample>> assigned = Sharder.shard(catalog.samples(), shards, seed);
    sc.setJobGroup("convoy-pack", "pack " + catalog.samples().size() + " images", false);
    List<PackShardTask.Result> results = new ArrayList<>(sc.parallelize(assigned, shards)
        .mapPartitionsWithIndex(new PackShardTask(dir.uri(), catalog.classes(), new HadoopConf(hadoop)), false)
        .collect());
    results.sort(Comparator.comparingInt(r -> r.shard));

    PixelStats stats = new PixelStats();
    List<PackShard> shardList = new ArrayList<>();
    StringBuilder keys = new StringBuilder();
    List<SkippedFile> skipped = new ArrayList<>(catalog.skipped());
    for (PackShardTask.Result r : results) {
      stats.merge(r.stats);
      shardList.add(new PackShard(PackedDataset.shardFile(r.shard), r.count,
          java.util.Arrays.stream(r.classCounts).boxed().toList()));
      r.keys.forEach(k -> keys.append(k).append('\n'));
      for (String line : r.skipped) {
        int tab = line.indexOf('\t');
        skipped.add(new SkippedFile(line.substring(0, tab), line.substring(tab + 1)));
      }
    }
    PackIndex index = new PackIndex(catalog.root(), catalog.classes(), shardList, stats.summary(), skipped.size());
    dir.writeText(PackedDataset.KEYS, keys.toString());
    dir.writeText(PackedDataset.LABELS, catalog.labelsText());
    if (!skipped.isEmpty()) {
      StringBuilder text = new StringBuilder();
      skipped.forEach(s -> text.append(s.path()).append('\t').append(s.reason()).append('\n'));
      dir.writeText(PackedDataset.SKIPPED, text.toString());
    }
    dir.writeText(PackedDataset.INDEX, index.toJson());
    return index;
  }

  private static OutputDir prepare(String out, Configuration hadoop) {
    Path path = new Path(out);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (fs.exists(path)) {
        FileStatus status = fs.getFileStatus(path);
        if (!status.isDirectory() || fs.listStatus(path).length > 0) {
          throw new UsageException("--out " + out + " exists and is not an empty folder: give a new folder for the pack");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + out + ": " + e.getMessage(), e);
    }
    return new OutputDir(out, hadoop);
  }
}
