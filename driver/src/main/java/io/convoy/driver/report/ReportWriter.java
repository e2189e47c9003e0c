package io.convoy.driver.report;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.OutputDir;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.dataset.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes {@code report.html} at the end of a run from its outputs (metrics.jsonl, model.zip,
 * config.conf) and a few training images put through both pipelines. A report that cannot be
 * written is said on the console and does not fail the run, whose results are already saved.
 */
public final class ReportWriter {
  /** Training images shown (one per class first, then more of each). */
  static final int SAMPLES = 6;
  /** Train-pipeline draws per image (epochs 1, 2, ...) beside its eval-pipeline version. */
  static final int DRAWS = 5;

  private ReportWriter() {}

  public static void write(OutputDir out, ConvoyConfig config, Catalog train, Configuration hadoop, PrintWriter console) {
    try {
      write(out, report(out, train.classes(), samples(config, train, hadoop)), console);
    } catch (RuntimeException e) {
      console.printf("convoy: warning: report.html not written: %s%n", e.getMessage());
    }
    console.flush();
  }

  public static void write(OutputDir out, RunReport report, PrintWriter console) {
    out.writeText("report.html", report.html());
    console.printf("convoy: report in %s%n", out.uri("report.html"));
    console.flush();
  }

  /** The report of the run in {@code out}, with its class names and sample rows. */
  public static RunReport report(OutputDir out, List<String> labels, List<RunReport.SampleRow> rows) {
    String metrics = new String(out.read("metrics.jsonl"), StandardCharsets.UTF_8);
    String configText = new String(out.read("config.conf"), StandardCharsets.UTF_8);
    ConvoyConfig config = ConfigLoader.parse(configText);
    return new RunReport(out.uri(), metrics, labels, configText, rows, config.data().channels(),
        config.data().imageSize(), out.read("model.zip"));
  }

  /** Up to {@link #SAMPLES} images, round-robin over classes, each through eval then train pipelines. */
  public static List<RunReport.SampleRow> samples(ConvoyConfig config, Catalog train, Configuration hadoop) {
    ImagePipeline eval = ImagePipeline.of(config.pipeline().eval(), config.data());
    ImagePipeline augment = ImagePipeline.of(config.pipeline().train(), config.data());
    List<RunReport.SampleRow> rows = new ArrayList<>();
    for (Sample s : pick(train)) {
      byte[] bytes = read(s.path(), hadoop);
      String id = sampleId(s.path());
      List<float[]> tensors = new ArrayList<>();
      try {
        tensors.add(eval.toTensor(bytes));
        int draws = augment.isRandom() ? DRAWS : 1;
        for (int epoch = 0; epoch < draws; epoch++) {
          tensors.add(augment.toTensor(bytes, config.training().seed(), epoch, id));
        }
      } catch (ImageDecodeException e) {
        continue; // the catalog lists it as usable, but a report is no place to fail over one image
      }
      rows.add(new RunReport.SampleRow(id, tensors));
    }
    return rows;
  }

  private static List<Sample> pick(Catalog train) {
    List<List<Sample>> byClass = new ArrayList<>();
    for (int c = 0; c < train.classes().size(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (Sample s : train.samples()) {
      byClass.get(s.label()).add(s);
    }
    List<Sample> picked = new ArrayList<>();
    for (int i = 0; picked.size() < SAMPLES; i++) {
      boolean any = false;
      for (List<Sample> samples : byClass) {
        if (i < samples.size() && picked.size() < SAMPLES) {
          picked.add(samples.get(i));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return picked;
  }

  /** {@code <class>/<file>}, the id training draws a sample's augmentations from. */
  static String sampleId(String path) {
    int file = path.lastIndexOf('/');
    int dir = file > 0 ? path.lastIndexOf('/', file - 1) : -1;
    return path.substring(dir + 1);
  }

  private static byte[] read(String uri, Configuration hadoop) {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }
}
