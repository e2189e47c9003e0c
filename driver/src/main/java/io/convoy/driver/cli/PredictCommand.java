package io.convoy.driver.cli;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.NioLocalFileSystem;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.scoring.BatchPrediction;
import io.convoy.driver.scoring.ClassRanking;
import io.convoy.driver.scoring.OutputFormat;
import io.convoy.driver.scoring.ScoredImage;
import io.convoy.driver.scoring.ScoringInput;
import io.convoy.driver.scoring.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convoy predict}: the most probable classes of images with the labels and eval pipeline
 * stored in the model: of a few image files in this process (no Spark), or of a whole folder or
 * pack as a Spark job that writes a table ({@code --data}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Print the most probable classes of each IMAGE with their probabilities, preprocessing "
        + "as the model's validation did.",
        "With --data, score every image of a folder (<class>/<image> or flat) or pack as a Spark job and write "
        + "one row per image to --out: path, predicted_class, probability, top_classes, top_probabilities "
        + "and, with class folders, true_class (then top-1 and top-5 are printed)."})
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR|model.zip",
      description = "a run's output folder or its model.zip")
  String model;

  @Option(names = "--top", defaultValue = "5", paramLabel = "K",
      description = "classes per image (default: ${DEFAULT-VALUE}, at most the model's classes)")
  int top;

  @Option(names = "--json", description = "print one JSON object: model and, per image, its classes (IMAGE form)")
  boolean json;

  @Option(names = "--data", paramLabel = "DIR|PACK",
      description = "score all images of a folder (DIR/<class>/<image> or DIR/<image>) or a pack, as a Spark job")
  String data;

  @Option(names = "--out", paramLabel = "PATH", description = "with --data: the table's folder (must not exist)")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "with --data: parquet, csv or jsonl (default: parquet)")
  String format;

  @Mixin JobOptions job;
  @Mixin JobOptions.Master master;

  @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "image files (local paths or Hadoop URIs)")
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    if (top < 1) {
      throw new UsageException("--top " + top + ": expected at least 1");
    }
    if (data != null) {
      return predictData();
    }
    if (images.isEmpty()) {
      throw new UsageException("predict: give IMAGE files, or --data DIR|PACK with --out PATH");
    }
    if (out != null || format != null || master.addTo(job.settings()).size() > 0 || job.conf() != null) {
      throw new UsageException("predict: --out, --format, --conf, --set and --master go with --data DIR|PACK, "
          + "not with IMAGE files");
    }
    return predictImages();
  }

  private int predictData() {
    if (!images.isEmpty()) {
      throw new UsageException("predict: give IMAGE files or --data " + data + ", not both (found " + images.size()
          + " IMAGE argument(s): " + images.get(0) + (images.size() > 1 ? ", ..." : "") + ")");
    }
    if (out == null) {
      throw new UsageException("predict --data " + data + ": give --out PATH, the folder the table is written to");
    }
    if (json) {
      throw new UsageException("predict: --json prints IMAGE files' classes; with --data the table goes to --out "
          + "(--format jsonl writes JSON lines)");
    }
    OutputFormat table = format == null ? OutputFormat.PARQUET : OutputFormat.parse(format);
    ConvoyConfig cluster = job.load(master);
    // before the first local file is touched through Hadoop, which caches the file: file system
    NioLocalFileSystem.installForMaster(SparkContexts.master(cluster));
    Configuration hadoop = new Configuration();
    LoadedModel saved = ModelZip.read(model, hadoop);
    BatchPrediction.requireNewOutput(out, hadoop);
    ScoringInput input = ScoringInput.of(data, saved.labels(), hadoop);
    BatchPrediction.Summary summary;
    try (JavaSparkContext sc = SparkContexts.create(cluster, "convoy predict")) {
      summary = BatchPrediction.run(sc, saved, input, cluster.cluster().threadsPerWorker(), top, table, out);
    }
    PrintWriter console = spec.commandLine().getOut();
    console.printf("convoy predict: %s on %s: %d images scored, written to %s (%s)%n", saved.uri(), input.root(),
        summary.scored(), summary.out(), table);
    if (!summary.skipped().isEmpty()) {
      console.printf("convoy: skipped %d files that are not usable images (listed in %s/%s)%n",
          summary.skipped().size(), summary.out(), BatchPrediction.SKIPPED);
    }
    if (summary.labelled()) {
      console.printf(Locale.ROOT, "top-1 %.4f  top-5 %.4f  (%d images with a true class)%n",
          summary.top1Accuracy(), summary.top5Accuracy(), summary.scored());
    }
    console.flush();
    return ExitStatus.OK;
  }

  private int predictImages() {
    Configuration hadoop = new Configuration();
    LoadedModel saved = ModelZip.read(model, hadoop);
    List<byte[]> encoded = new ArrayList<>();
    for (String image : images) {
      encoded.add(read(image, hadoop));
    }
    ScoringModel scoring = ScoringModel.of(saved);
    List<Map<String, Object>> rows = new ArrayList<>();
    PrintWriter console = spec.commandLine().getOut();
    for (int i = 0; i < images.size(); i++) {
      ScoredImage scored = scoring.score(List.of(encoded.get(i))).get(0);
      if (!scored.decoded()) {
        throw new UsageException(images.get(i) + ": " + scored.problem());
      }
      float[] p = scored.probabilities();
      int[] best = ClassRanking.top(p, top);
      if (json) {
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int c : best) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("class", saved.labels().get(c));
          entry.put("probability", (double) p[c]);
          classes.add(entry);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image", images.get(i));
        row.put("top", classes);
        rows.add(row);
      } else {
        console.println(images.get(i));
        for (int c : best) {
          console.printf(Locale.ROOT, "  %-20s %.4f%n", saved.labels().get(c), (double) p[c]);
        }
      }
    }
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("model", saved.uri());
      all.put("predictions", rows);
      console.println(MetricsLog.toJson(all));
    }
    console.flush();
    return ExitStatus.OK;
  }

  private static byte[] read(String image, Configuration hadoop) {
    Path path = new Path(image);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.isFile(path)) {
        throw new UsageException(image + ": no such image file");
      }
      try (InputStream in = fs.open(path)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + image + ": " + e.getMessage(), e);
    }
  }
}
