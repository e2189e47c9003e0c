package io.convoy.driver.data;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.settings.PipelineOps;
import io.convoy.driver.common.OutputDir;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageEncoder;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.dataset.OutputPaths;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.pack.PackIndex;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.data.HadoopConf;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy augment}: K augmented copies of every image of a folder or pack, written in the
 * same class layout by a Spark job, resumable; and a preview grid.
 */
public final class AugmentJob {
  /** Counts of a run. */
  public record Report(long sources, int copies, long written, long existing, List<String> failed, int partialsRemoved) {}

  private final JavaSparkContext sc;
  private final ConvoyConfig config;
  private final String data;
  private final String packRoot;
  private final Catalog catalog;
  private final ImagePipeline pipeline;
  private final HadoopConf hadoop;

  public AugmentJob(JavaSparkContext sc, ConvoyConfig config, String data) {
    this.sc = sc;
    this.data = data;
    Configuration conf = sc.hadoopConfiguration();
    this.hadoop = new HadoopConf(conf);
    PackIndex pack = PackedDataset.isPack(data, conf) ? PackedDataset.index(data, conf) : null;
    this.catalog = pack != null ? PackedDataset.catalog(data, conf) : Catalog.scan(data, conf);
    this.packRoot = pack != null ? catalog.root() : null;
    this.config = DatasetStats.resolve(config, Optional.ofNullable(pack));
    // Copies are images to look at and train on later: leave normalization to that training.
    List<OpSpec> ops = this.config.pipeline().train().stream()
        .filter(op -> !op.op().equals(PipelineOps.NORMALIZE)).toList();
    this.pipeline = ImagePipeline.of(ops, this.config.data());
    for (Sample s : catalog.samples()) {
      try {
        OutputPaths.augmented(PackedDataset.relativePath(s.path()), 0, "png");
      } catch (IllegalArgumentException e) {
        throw new DatasetException(data + ": " + e.getMessage(), e);
      }
    }
  }

  public Catalog catalog() {
    return catalog;
  }

  public Report run(String out, int copies, String format) {
    OutputDir dir = new OutputDir(out, sc.hadoopConfiguration());
    int partials = removePartials(dir.uri());
    int parts = Math.max(1, Math.min(catalog.samples().size(), sc.defaultParallelism() * 4));
    List<List<Sample>> shards = Sharder.shard(catalog.samples(), parts, config.training().seed());
    sc.setJobGroup("convoy-augment", "augment " + catalog.samples().size() + " images x " + copies, false);
    AugmentTask task = new AugmentTask(dir.uri(), pipeline, copies, format, config.training().seed(),
        config.data().channels(), config.data().imageSize(), hadoop);
    long written = 0;
    long existing = 0;
    List<String> failed = new ArrayList<>();
    for (AugmentTask.Result r : ShardCache.read(sc, shards, packRoot, hadoop).mapPartitions(task).collect()) {
      written += r.written;
      existing += r.existing;
      failed.addAll(r.failed);
    }
    return new Report(catalog.samples().size(), copies, written, existing, failed, partials);
  }

  /**
   * Writes {@code preview.png} into {@code out}: copy 0 of {@code n} images spread evenly over
   * the catalog (so over the classes), in a grid.
   *
   * @return the preview's URI
   */
  public String preview(String out, int n) {
    List<Sample> all = catalog.samples();
    List<Sample> picked = new ArrayList<>();
    int count = Math.min(n, all.size());
    for (int i = 0; i < count; i++) {
      picked.add(all.get((int) ((long) i * all.size() / count)));
    }
    List<EncodedSample> read = ShardCache.read(sc, List.of(picked), packRoot, hadoop).collect();
    AugmentTask task = new AugmentTask(out, pipeline, 1, "png", config.training().seed(), config.data().channels(),
        config.data().imageSize(), hadoop);
    List<BufferedImage> tiles = new ArrayList<>();
    for (EncodedSample s : read) {
      try {
        tiles.add(ImageEncoder.toImage(task.augment(s.bytes(), 0, PackedDataset.relativePath(s.path())),
            config.data().channels(), config.data().imageSize()));
      } catch (ImageDecodeException e) {
        // Left out of the preview; the augment job reports undecodable images.
      }
    }
    if (tiles.isEmpty()) {
      throw new DatasetException("none of the " + read.size() + " images picked from " + data + " decodes");
    }
    OutputDir dir = new OutputDir(out, sc.hadoopConfiguration());
    byte[] png = ImageEncoder.encode(ImageEncoder.grid(tiles, (int) Math.ceil(Math.sqrt(tiles.size()))), "png");
    dir.writeAtomically("preview.png", stream -> stream.write(png));
    return dir.uri("preview.png");
  }

  /** Deletes temporary files an interrupted run left in the class folders; returns how many. */
  private int removePartials(String out) {
    int removed = 0;
    try {
      Path root = new Path(out);
      FileSystem fs = root.getFileSystem(sc.hadoopConfiguration());
      for (String cls : catalog.classes()) {
        Path dir = new Path(root, cls);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus f : fs.listStatus(dir)) {
          String name = f.getPath().getName();
          if (f.isFile() && name.startsWith(AugmentTask.TMP_PREFIX) && name.contains(AugmentTask.TMP_INFIX)) {
            fs.delete(f.getPath(), false);
            removed++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + out + ": " + e.getMessage(), e);
    }
    return removed;
  }
}
