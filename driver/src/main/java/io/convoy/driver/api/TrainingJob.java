package io.convoy.driver.api;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.RowImages;
import io.convoy.driver.data.TrainingImages;
import io.convoy.driver.train.EpochBar;
import io.convoy.driver.train.TrainingRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One training run of {@code convoy train}, from a Spark application:
 *
 * <pre>{@code
 * ConvoyConfig config = ConfigLoader.load(Path.of("job.conf"), List.of("training.epochs=5"));
 * TrainedModel trained = TrainingJob.of(config).run(JavaSparkContext.fromSparkContext(spark.sparkContext()));
 * double top1 = trained.summary().valTop1();
 * LoadedModel model = trained.load();
 * }</pre>
 *
 * <p>The run writes what {@code convoy train} writes to {@code output.dir} and gives the same
 * result for the same configuration. In the caller's context it runs as Spark jobs of that
 * context and leaves it open; {@link #sparkConf} gives the settings convoy's own contexts have
 * (Kryo with convoy's registrator, no locality wait), which the caller's context should carry too.
 */
public final class TrainingJob {
  private final ConvoyConfig config;
  private PrintWriter console = new PrintWriter(OutputStream.nullOutputStream());
  private EpochBar.Mode progress = EpochBar.Mode.QUIET;
  private String resumeFrom;
  private LabelledRows rows;

  private TrainingJob(ConvoyConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A run of {@code config} (from {@code ConfigLoader}, built from HOCON or {@code key=value} settings). */
  public static TrainingJob of(ConvoyConfig config) {
    return new TrainingJob(config);
  }

  /**
   * The SparkConf convoy's own contexts start from for {@code config} ({@code cluster.master}
   * unless {@code spark.master} is set, Kryo with convoy's registrator, no locality wait, ...).
   */
  public static SparkConf sparkConf(ConvoyConfig config, String appName) {
    return SparkContexts.conf(config, appName);
  }

  /** Where the run's lines go (per epoch; default: nowhere). */
  public TrainingJob console(PrintWriter out) {
    this.console = Objects.requireNonNull(out, "console");
    return this;
  }

  /** How much the console shows of an epoch's progress (default: a line per epoch). */
  public TrainingJob progress(EpochBar.Mode mode) {
    this.progress = Objects.requireNonNull(mode, "progress");
    return this;
  }

  /** Continue from the newest valid checkpoint in {@code checkpointDir} (as {@code convoy train --resume}). */
  public TrainingJob resumeFrom(String checkpointDir) {
    this.resumeFrom = checkpointDir;
    return this;
  }

  /** Train on {@code rows} instead of the folders or packs {@code data.train} and {@code data.val} name. */
  public TrainingJob onRows(LabelledRows rows) {
    this.rows = rows;
    return this;
  }

  /** The run in the caller's context, which stays open. */
  public TrainedModel run(JavaSparkContext sc) {
    try {
      return new TrainedModel(trainingRun().run(sc), sc.hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run in a context of its own ({@link #sparkConf}), stopped when the run ends. */
  public TrainedModel run() {
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy train")) {
      return run(sc);
    }
  }

  private TrainingRun trainingRun() {
    if (rows == null) {
      return new TrainingRun(config, console, resumeFrom, progress);
    }
    if (resumeFrom != null) {
      throw new UsageException("resumeFrom " + resumeFrom + " with rows: a run on rows starts fresh; "
          + "train on a folder or pack to resume from a checkpoint");
    }
    TrainingImages images = new RowImages(rows.root(), rows.classes(), rows.keys(), rows.rows());
    return new TrainingRun(config, console, progress, images);
  }
}
