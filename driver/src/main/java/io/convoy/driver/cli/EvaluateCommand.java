package io.convoy.driver.cli;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.engine.Evaluation;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.data.HadoopConf;
import io.convoy.worker.data.ShardReader;
import io.convoy.worker.replica.WorkerSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy evaluate}: scores a trained model on a labelled image folder, distributed over
 * Spark exactly like a run's validation (same eval pipeline, same tasks).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Top-1, top-5, loss, per-class precision/recall and the confusion matrix of a trained model "
        + "on an image folder <data>/<class>/<image>, distributed over Spark.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR|model.zip",
      description = "a run's output folder or its model.zip")
  String model;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "labelled images as DIR/<class>/<image>; classes are matched to the model's by name")
  String data;

  @Option(names = "--json", description = "print one JSON object instead of tables")
  boolean json;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "Spark master (default: ${DEFAULT-VALUE}; spark-submit's --master wins)")
  String master;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark tasks the images are split into (default: Spark's default parallelism, or more so "
          + "that no task holds more than " + IMAGES_PER_TASK + " images)")
  Integer partitions;

  /** A task holds its images' bytes in memory: the default keeps that to about this many. */
  static final int IMAGES_PER_TASK = 1000;

  @Override
  public Integer call() {
    if (partitions != null && partitions < 1) {
      throw new UsageException("--partitions " + partitions + ": expected at least 1");
    }
    Configuration hadoop = new Configuration();
    LoadedModel saved = ModelZip.read(model, hadoop);
    Catalog catalog = Catalog.scan(data, hadoop);
    List<Sample> samples = relabel(catalog, saved.labels());
    ConvoyConfig config = saved.config().withMaster(master);
    EvalResult result;
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy evaluate")) {
      int wanted = partitions != null ? partitions
          : Math.max(sc.defaultParallelism(), (samples.size() + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK);
      int n = Math.min(wanted, samples.size());
      List<List<Sample>> shards = Sharder.shard(samples, n, config.training().seed());
      JavaRDD<EncodedSample> rdd = sc.parallelize(shards, shards.size())
          .mapPartitions(new ShardReader(new HadoopConf(sc.hadoopConfiguration())), true)
          .setName("evaluation images");
      WorkerSettings settings = new WorkerSettings(UUID.randomUUID().toString(),
          config.cluster().threadsPerWorker(), config.cluster().loaderThreads(), 0, 0);
      result = new Evaluation(sc, rdd, saved.spec(), config, settings)
          .evaluate(saved.parameters(), "evaluate " + saved.uri() + " on " + catalog.root());
    }
    EvaluationReport report = new EvaluationReport(result, saved.labels());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> leading = new LinkedHashMap<>();
      leading.put("model", saved.uri());
      leading.put("data", catalog.root());
      leading.put("skipped_files", catalog.skipped().size());
      leading.put("labels", saved.labels());
      out.println(MetricsLog.toJson(report.toMap(leading)));
    } else {
      out.printf("convoy evaluate: %s on %s%n", saved.uri(), catalog.root());
      if (!catalog.skipped().isEmpty()) {
        out.printf("skipped %d files that are not usable images%n", catalog.skipped().size());
      }
      out.print(report.toText());
    }
    out.flush();
    return ExitStatus.OK;
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
