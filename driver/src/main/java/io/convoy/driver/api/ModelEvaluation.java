package io.convoy.driver.api;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.ShardCache;
import io.convoy.driver.engine.Evaluation;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.data.HadoopConf;
import io.convoy.worker.replica.WorkerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A trained model scored on a labelled folder ({@code <data>/<class>/<image>}) or pack, as Spark
 * tasks exactly like a run's validation: same eval pipeline, same tasks ({@code convoy evaluate}).
 *
 * @param result top-1, top-5, loss and the confusion matrix, in the model's label order
 * @param data the folder or pack scored, as a qualified URI
 * @param skipped files found there that are not usable images, with why
 */
public record ModelEvaluation(EvalResult result, String data, List<SkippedFile> skipped) {
  /** A task holds its images' bytes in memory: the default keeps that to about this many. */
  public static final int IMAGES_PER_TASK = 1000;

  /**
   * Scores {@code model} on {@code data} in the caller's context (left open).
   *
   * @param partitions Spark tasks the images are split into, or null for the context's default
   *     parallelism, or more so that no task holds more than {@link #IMAGES_PER_TASK} images
   * @throws UsageException when the data holds a class the model was not trained on
   */
  public static ModelEvaluation of(JavaSparkContext sc, LoadedModel model, String data, Integer partitions) {
    requirePartitions(partitions);
    Configuration hadoop = sc.hadoopConfiguration();
    boolean packed = PackedDataset.isPack(data, hadoop);
    Catalog catalog = packed ? PackedDataset.catalog(data, hadoop) : Catalog.scan(data, hadoop);
    List<Sample> samples = relabel(catalog, model.labels());
    ConvoyConfig config = model.config();
    int wanted = partitions != null ? partitions
        : Math.max(sc.defaultParallelism(), (samples.size() + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK);
    List<List<Sample>> shards = Sharder.shard(samples, Math.min(wanted, samples.size()), config.training().seed());
    JavaRDD<EncodedSample> rdd = ShardCache.read(sc, shards, packed ? catalog.root() : null, new HadoopConf(hadoop));
    if (packed) {
      // A pack's records carry the pack's labels: give them the model's.
      int[] modelLabel = catalog.classes().stream().mapToInt(model.labels()::indexOf).toArray();
      rdd = rdd.map(s -> new EncodedSample(s.path(), modelLabel[s.label()], s.bytes(), s.unreadable()));
    }
    rdd.setName("evaluation images");
    WorkerSettings settings = new WorkerSettings(UUID.randomUUID().toString(),
        config.cluster().threadsPerWorker(), config.cluster().loaderThreads(), 0, 0);
    EvalResult result = new Evaluation(sc, rdd, model.spec(), config, settings)
        .evaluate(model.parameters(), "evaluate " + model.uri() + " on " + catalog.root());
    return new ModelEvaluation(result, catalog.root(), catalog.skipped());
  }

  /** Checks a number of partitions before any work: null (the default) or at least 1. */
  public static void requirePartitions(Integer partitions) {
    if (partitions != null && partitions < 1) {
      throw new UsageException("--partitions " + partitions + ": expected at least 1");
    }
  }

  /**
   * The folder's samples with the model's label of their class. A folder may hold a subset of
   * the model's classes; a class the model does not know is an error, never silently dropped.
   */
  static List<Sample> relabel(Catalog catalog, List<String> labels) {
    List<String> unknown = new ArrayList<>(catalog.classes());
    unknown.removeAll(labels);
    if (!unknown.isEmpty()) {
      throw new UsageException("--data " + catalog.root() + " has classes the model was not trained on: " + unknown
          + "; the model's classes are " + labels + " (class folder names must match them)");
    }
    List<Sample> samples = new ArrayList<>();
    for (Sample s : catalog.samples()) {
      samples.add(new Sample(s.path(), labels.indexOf(catalog.classes().get(s.label()))));
    }
    return samples;
  }
}
