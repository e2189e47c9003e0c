package io.convoy.driver.data;

import io.convoy.pipeline.codec.FallbackDecoder;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageDecoder;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.pack.PackKey;
import io.convoy.pipeline.pack.PackWriter;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.pipeline.pack.PixelStats;
import io.convoy.worker.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;

/**
 * One task of {@code convoy pack}: writes one shard's images into one SequenceFile and sums
 * their pixel statistics. Every image is decoded once (for the statistics), so an image that
 * does not decode is reported and left out instead of failing a later training run. The file
 * is written under a name of its own attempt and renamed at the end, so a retried or
 * speculative attempt never leaves a half-written shard under the final name.
 */
final class PackShardTask implements Function2<Integer, Iterator<List<Sample>>, Iterator<PackShardTask.Result>> {
  /** What one shard task wrote. Plain class (not a record) so that Kryo can return it. */
  static final class Result implements Serializable {
    final int shard;
    final long count;
    final long[] classCounts;
    final List<String> keys;
    /** {@code path TAB reason} of each image left out. */
    final List<String> skipped;
    final PixelStats stats;

    Result(int shard, long count, long[] classCounts, List<String> keys, List<String> skipped, PixelStats stats) {
      this.shard = shard;
      this.count = count;
      this.classCounts = classCounts;
      this.keys = keys;
      this.skipped = skipped;
      this.stats = stats;
    }
  }

  private final String out;
  private final List<String> classes;
  private final HadoopConf hadoop;
  private final ImageDecoder decoder = new FallbackDecoder();

  PackShardTask(String out, List<String> classes, HadoopConf hadoop) {
    this.out = out;
    this.classes = List.copyOf(classes);
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<Result> call(Integer shard, Iterator<List<Sample>> partition) throws IOException {
    List<Sample> samples = new ArrayList<>();
    partition.forEachRemaining(samples::addAll);
    Path target = new Path(out, PackedDataset.shardFile(shard));
    TaskContext task = TaskContext.get();
    long attempt = task == null ? 0 : task.taskAttemptId();
    Path tmp = new Path(out, "_tmp-" + PackedDataset.shardFile(shard) + "-" + attempt);
    FileSystem fs = target.getFileSystem(hadoop.get());
    long[] classCounts = new long[classes.size()];
    List<String> keys = new ArrayList<>(samples.size());
    List<String> skipped = new ArrayList<>();
    PixelStats stats = new PixelStats();
    try (PackWriter writer = new PackWriter(tmp, hadoop.get())) {
      for (Sample s : samples) {
        byte[] bytes = read(fs, s.path());
        try {
          stats.add(decoder.decode(bytes, 3));
        } catch (ImageDecodeException e) {
          skipped.add(s.path() + "\tcannot decode: " + e.getMessage());
          continue;
        }
        PackKey key = new PackKey(classes.get(s.label()) + "/" + new Path(s.path()).getName(), s.label());
        writer.append(key, bytes);
        keys.add(key.encode());
        classCounts[s.label()]++;
      }
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
    return List.of(new Result(shard, keys.size(), classCounts, keys, skipped, stats)).iterator();
  }

  private static byte[] read(FileSystem fs, String uri) {
    try (InputStream in = fs.open(new Path(uri))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }
}
