package io.convoy.driver.scoring;

import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.ShardCache;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.data.HadoopConf;
import io.convoy.worker.data.ShardReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code convoy predict --data}'s job: scores every image of a folder or pack in Spark tasks and
 * writes one row per image ({@link PredictionTable}) with Spark's DataFrame writers. Images that
 * cannot be read or decoded get no row: they are counted and listed in {@value #SKIPPED} in the
 * output folder (Spark's readers ignore names starting with an underscore).
 */
public final class BatchPrediction {
  /** The skipped images, {@code path<TAB>reason} a line, beside the part files. */
  public static final String SKIPPED = "_skipped.txt";

  /**
   * What a run did.
   *
   * @param out the output folder's URI
   * @param scored images with a row
   * @param skipped images without one (catalog and scoring), with why
   * @param labelled whether rows have a true class (then the counts below mean something)
   * @param top1 rows whose predicted class is the true one
   * @param top5 rows whose true class is among the five most probable
   */
  public record Summary(String out, long scored, List<SkippedFile> skipped, boolean labelled, long top1, long top5) {
    public double top1Accuracy() {
      return scored == 0 ? 0 : (double) top1 / scored;
    }

    public double top5Accuracy() {
      return scored == 0 ? 0 : (double) top5 / scored;
    }
  }

  private BatchPrediction() {}

  /** @throws UsageException when {@code out} exists: a table is never written over another */
  public static void requireNewOutput(String out, Configuration hadoop) {
    try {
      Path path = new Path(out);
      if (path.getFileSystem(hadoop).exists(path)) {
        throw new UsageException("--out " + out + " exists: give a path that does not exist yet (the table is "
            + "written as a folder of part files)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check --out " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param threads linear-algebra threads per task ({@code cluster.threads-per-worker})
   * @param top classes listed per image
   */
  public static Summary run(JavaSparkContext sc, LoadedModel model, ScoringInput input, int threads, int top,
      OutputFormat format, String out) {
    ModelHandle handle = ModelHandle.broadcast(sc, model);
    PredictionCounts counts = PredictionCounts.register(sc.sc());
    sc.setJobGroup("convoy-predict", "score " + input.samples().size() + " images of " + input.root(), false);
    // One pass: the write's tasks score the images and count them; nothing is kept in between.
    JavaRDD<Row> rows = images(sc, input).mapPartitions(
        new PredictTask(handle, threads, top, input.labelled(), counts), true);
    try {
      SparkSession spark = SparkSession.builder().getOrCreate();
      PredictionTable.write(PredictionTable.frame(spark, rows, input.labelled()), format, out);
    } finally {
      handle.model().destroy(false);
    }
    List<SkippedFile> skipped = new ArrayList<>(input.skipped());
    counts.skipped().forEach(line -> skipped.add(new SkippedFile(line.substring(0, line.indexOf('\t')),
        line.substring(line.indexOf('\t') + 1))));
    OutputDir dir = new OutputDir(out, sc.hadoopConfiguration());
    if (!skipped.isEmpty()) {
      dir.writeText(SKIPPED, skipped.stream().map(s -> s.path() + "\t" + s.reason())
          .collect(Collectors.joining("\n", "", "\n")));
    }
    return new Summary(dir.uri(), counts.scored(), skipped, input.labelled(), counts.top1(), counts.top5());
  }

  /**
   * The input's images in order, in {@link ScoringTasks#count} partitions: files are read one by one
   * as scoring reaches them, so a partition's size is bounded by time, not by memory; a pack's
   * records come through {@link ShardCache}'s shuffle.
   */
  private static JavaRDD<EncodedSample> images(JavaSparkContext sc, ScoringInput input) {
    List<Sample> samples = input.samples();
    int n = ScoringTasks.count(samples.size(), sc.defaultParallelism());
    HadoopConf hadoop = new HadoopConf(sc.hadoopConfiguration());
    if (input.packRoot() != null) {
      List<List<Sample>> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(List.copyOf(samples.subList((int) ((long) samples.size() * i / n),
            (int) ((long) samples.size() * (i + 1) / n))));
      }
      return ShardCache.read(sc, parts, input.packRoot(), hadoop);
    }
    ShardReader reader = new ShardReader(hadoop);
    return sc.parallelize(samples, n).mapPartitions(reader::readEach, true);
  }
}
