package io.convoy.driver.cli;

import io.convoy.driver.common.UsageException;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.pipeline.codec.ImageDecodeException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convoy predict}: the most probable classes of images, in this process (no Spark), with
 * the labels and eval pipeline stored in the model.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Print the most probable classes of each image with their probabilities, preprocessing "
        + "as the model's validation did.")
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR|model.zip",
      description = "a run's output folder or its model.zip")
  String model;

  @Option(names = "--top", defaultValue = "5", paramLabel = "K",
      description = "classes per image (default: ${DEFAULT-VALUE}, at most the model's classes)")
  int top;

  @Option(names = "--json", description = "print one JSON object: model and, per image, its classes")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files (local paths or Hadoop URIs)")
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    if (top < 1) {
      throw new UsageException("--top " + top + ": expected at least 1");
    }
    Configuration hadoop = new Configuration();
    LoadedModel saved = ModelZip.read(model, hadoop);
    List<byte[]> encoded = new ArrayList<>();
    for (String image : images) {
      encoded.add(read(image, hadoop));
    }
    Predictor predictor = new Predictor(saved);
    List<Map<String, Object>> rows = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < images.size(); i++) {
      List<Predictor.Guess> guesses;
      try {
        guesses = predictor.top(encoded.get(i), top);
      } catch (ImageDecodeException e) {
        throw new UsageException(images.get(i) + ": not a decodable image (" + e.getMessage() + ")");
      }
      if (json) {
        List<Map<String, Object>> classes = new ArrayList<>();
        for (Predictor.Guess g : guesses) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("class", g.label());
          c.put("probability", g.probability());
          classes.add(c);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image", images.get(i));
        row.put("top", classes);
        rows.add(row);
      } else {
        out.println(images.get(i));
        for (Predictor.Guess g : guesses) {
          out.printf(Locale.ROOT, "  %-20s %.4f%n", g.label(), g.probability());
        }
      }
    }
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("model", saved.uri());
      all.put("predictions", rows);
      out.println(MetricsLog.toJson(all));
    }
    out.flush();
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
