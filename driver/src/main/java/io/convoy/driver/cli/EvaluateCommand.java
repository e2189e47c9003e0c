package io.convoy.driver.cli;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.api.ModelEvaluation;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
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

  @Option(names = "--data", required = true, paramLabel = "DIR|PACK",
      description = "labelled images as DIR/<class>/<image> (or a pack); classes are matched to the model's by name")
  String data;

  @Option(names = "--json", description = "print one JSON object instead of tables")
  boolean json;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "Spark master (default: ${DEFAULT-VALUE}; spark-submit's --master wins)")
  String master;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark tasks the images are split into (default: Spark's default parallelism, or more so "
          + "that no task holds more than " + ModelEvaluation.IMAGES_PER_TASK + " images)")
  Integer partitions;

  @Override
  public Integer call() {
    ModelEvaluation.requirePartitions(partitions);
    LoadedModel saved = ModelZip.read(model, new Configuration());
    ConvoyConfig config = saved.config().withMaster(master);
    ModelEvaluation evaluation;
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy evaluate")) {
      evaluation = ModelEvaluation.of(sc, saved, data, partitions);
    }
    EvaluationReport report = new EvaluationReport(evaluation.result(), saved.labels());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> leading = new LinkedHashMap<>();
      leading.put("model", saved.uri());
      leading.put("data", evaluation.data());
      leading.put("skipped_files", evaluation.skipped().size());
      leading.put("labels", saved.labels());
      out.println(MetricsLog.toJson(report.toMap(leading)));
    } else {
      out.printf("convoy evaluate: %s on %s%n", saved.uri(), evaluation.data());
      if (!evaluation.skipped().isEmpty()) {
        out.printf("skipped %d files that are not usable images%n", evaluation.skipped().size());
      }
      out.print(report.toText());
    }
    out.flush();
    return ExitStatus.OK;
  }
}
