package io.convoy.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@code report.html} from a run's outputs. Every picture is a PNG embedded as a data
 * URI, so the page opens from disk, in a mail attachment or an artifact store, without network
 * or script.
 */
public final class RunReport {
  /** The parts of the per-round time split, in the order they are stacked. */
  private static final List<String> SPLIT_FIELDS = List.of("broadcast_seconds", "data_seconds", "compute_seconds",
      "overhead_seconds", "apply_seconds");
  private static final List<String> SPLIT_NAMES = List.of("broadcast", "data (decode, augment)", "compute",
      "Spark overhead", "apply on driver");
  private static final List<Color> SPLIT_COLORS = List.of(new Color(0x8dd3c7), new Color(0xfdb462),
      new Color(0x80b1d3), new Color(0xfb8072), new Color(0xbebada));

  /**
   * Augmented versions of one training image.
   *
   * @param name the image's {@code <class>/<file>}
   * @param tensors CHW tensors: the eval pipeline's first, then the train pipeline's draws
   */
  public record SampleRow(String name, List<float[]> tensors) {}

  private final String title;
  private final MetricsHistory metrics;
  private final List<String> labels;
  private final String config;
  private final List<SampleRow> samples;
  private final int channels;
  private final int imageSize;
  private final byte[] modelZip;

  /**
   * @param title what the page is about, e.g. the output folder
   * @param metricsJsonl the run's metrics.jsonl
   * @param labels class names in label order
   * @param config the run's config.conf
   * @param samples augmented training images (may be empty)
   * @param channels channels of the sample tensors
   * @param imageSize height and width of the sample tensors
   * @param modelZip the run's model.zip, for the first layer's filters (null: none)
   */
  public RunReport(String title, String metricsJsonl, List<String> labels, String config, List<SampleRow> samples,
      int channels, int imageSize, byte[] modelZip) {
    this.title = title;
    this.metrics = MetricsHistory.parse(metricsJsonl);
    this.labels = List.copyOf(labels);
    this.config = config;
    this.samples = List.copyOf(samples);
    this.channels = channels;
    this.imageSize = imageSize;
    this.modelZip = modelZip;
  }

  /** The whole page. */
  public String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>convoy report: ")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222}")
        .append("h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse}td,th{padding:2px 6px;text-align:right;font-size:0.9em}")
        .append("th{background:#f4f4f4}table.confusion td{min-width:2.5em;border:1px solid #eee}")
        .append("pre{background:#f8f8f8;padding:1em;overflow:auto;font-size:0.85em}")
        .append("img{display:block;margin:0.5em 0;max-width:100%}.note{color:#666;font-size:0.9em}\n")
        .append("</style>\n</head>\n<body>\n<h1>convoy report: ").append(escape(title)).append("</h1>\n");
    summary(h);
    epochCharts(h);
    roundCharts(h);
    confusion(h);
    augmented(h);
    filters(h);
    h.append("<h2>Configuration</h2>\n<pre>").append(escape(config)).append("</pre>\n</body>\n</html>\n");
    return h.toString();
  }

  private void summary(StringBuilder h) {
    h.append("<table class=\"summary\">\n");
    JsonNode start = metrics.start();
    if (start != null) {
      for (String f : List.of("arch", "parameters", "classes", "train_images", "val_images", "workers", "master",
          "engine", "mode", "frequency", "batch_size", "native")) {
        row(h, f, start.get(f));
      }
    }
    JsonNode last = metrics.last();
    if (last != null) {
      for (String f : List.of("val_top1", "val_top5", "val_loss", "epochs", "rounds", "images_per_sec",
          "wall_seconds")) {
        row(h, f, last.get(f));
      }
    } else {
      h.append("<tr><th>status</th><td>no final event: the run did not finish</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String name, JsonNode value) {
    if (value == null) {
      return;
    }
    String text = value.isFloatingPointNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : value.asText();
    h.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(text)).append("</td></tr>\n");
  }

  private void epochCharts(StringBuilder h) {
    h.append("<h2>Per epoch</h2>\n");
    if (metrics.epochs().isEmpty()) {
      h.append("<p class=\"note\">No epoch finished.</p>\n");
      return;
    }
    double[] epochs = metrics.epochSeries("epoch");
    image(h, "loss per epoch", Charts.lines("Loss", "epoch", "cross-entropy", List.of(
        new Charts.Curve("train (while training)", epochs, metrics.epochSeries("train_loss")),
        new Charts.Curve("train (eval pipeline)", epochs, metrics.epochSeries("train_eval_loss")),
        new Charts.Curve("validation", epochs, metrics.epochSeries("val_loss"))), true));
    image(h, "top-1 and top-5 accuracy per epoch", Charts.lines("Accuracy", "epoch", "fraction correct", List.of(
        new Charts.Curve("train top-1", epochs, metrics.epochSeries("train_top1")),
        new Charts.Curve("train top-5", epochs, metrics.epochSeries("train_top5")),
        new Charts.Curve("validation top-1", epochs, metrics.epochSeries("val_top1")),
        new Charts.Curve("validation top-5", epochs, metrics.epochSeries("val_top5"))), true));
    if (Double.isNaN(metrics.epochSeries("train_top1")[0])) {
      h.append("<p class=\"note\">Train accuracy is measured with output.train-metrics-images above 0.</p>\n");
    }
  }

  private void roundCharts(StringBuilder h) {
    h.append("<h2>Per round</h2>\n");
    if (metrics.rounds().isEmpty()) {
      h.append("<p class=\"note\">No round finished.</p>\n");
      return;
    }
    int n = metrics.rounds().size();
    if (n > Charts.MAX_POINTS) {
      h.append("<p class=\"note\">").append(n).append(" rounds, averaged into ").append(Charts.MAX_POINTS)
          .append(" points.</p>\n");
    }
    double[][] speed = Charts.bucketed(metrics.roundSeries("images_per_sec"));
    image(h, "images per second per round", Charts.lines("Throughput", "round", "images/s",
        List.of(new Charts.Curve("images/s", speed[0], speed[1])), false));
    List<double[]> parts = new ArrayList<>();
    double[] x = null;
    for (String f : SPLIT_FIELDS) {
      double[][] b = Charts.bucketed(metrics.roundSeries(f));
      x = b[0];
      parts.add(b[1]);
    }
    image(h, "time split per round", Charts.stacked("Where each round's time went", "round", "seconds", x,
        SPLIT_NAMES, parts, SPLIT_COLORS));
    double[][] lr = Charts.bucketed(metrics.roundSeries("lr"));
    image(h, "learning rate per round", Charts.lines("Learning rate", "round", "learning rate",
        List.of(new Charts.Curve("learning rate", lr[0], lr[1])), false));
  }

  private void confusion(StringBuilder h) {
    h.append("<h2>Confusion matrix (validation, last epoch)</h2>\n");
    JsonNode last = metrics.last();
    JsonNode matrix = last == null ? null : last.get("confusion");
    if (matrix == null || !matrix.isArray()) {
      h.append("<p class=\"note\">No final event with a confusion matrix.</p>\n");
      return;
    }
    h.append("<p class=\"note\">Rows: true class; columns: predicted class; shade: fraction of the row. "
        + "Recall: of a class's images, the fraction predicted as it; precision: of the images predicted as a "
        + "class, the fraction that are.</p>\n");
    h.append("<table class=\"confusion\">\n<tr><th></th>");
    for (String label : labels) {
      h.append("<th>").append(escape(label)).append("</th>");
    }
    h.append("<th>recall</th></tr>\n");
    int n = matrix.size();
    long[] predicted = new long[n];
    for (int r = 0; r < n; r++) {
      JsonNode row = matrix.get(r);
      long total = 0;
      for (int c = 0; c < n; c++) {
        total += row.get(c).asLong();
        predicted[c] += row.get(c).asLong();
      }
      h.append("<tr><th>").append(escape(r < labels.size() ? labels.get(r) : String.valueOf(r))).append("</th>");
      for (JsonNode v : row) {
        double share = total == 0 ? 0 : (double) v.asLong() / total;
        int shade = (int) Math.round(255 - share * 160);
        h.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,255)\">%d</td>", shade, shade,
            v.asLong()));
      }
      h.append("<td>").append(ratio(row.get(r).asLong(), total)).append("</td></tr>\n");
    }
    h.append("<tr><th>precision</th>");
    for (int c = 0; c < n; c++) {
      h.append("<td>").append(ratio(matrix.get(c).get(c).asLong(), predicted[c])).append("</td>");
    }
    h.append("<td></td></tr>\n</table>\n");
  }

  /** a / b with 3 decimals, or a dash when b is 0. */
  private static String ratio(long a, long b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) a / b);
  }

  private void augmented(StringBuilder h) {
    h.append("<h2>Augmented training samples</h2>\n");
    if (samples.isEmpty()) {
      h.append("<p class=\"note\">No training image could be read.</p>\n");
      return;
    }
    h.append("<p class=\"note\">Each row: one training image through the eval pipeline, then the train pipeline's "
        + "draws for epochs 1, 2, 3, ... (each tile stretched to its own range).</p>\n");
    List<float[]> tiles = new ArrayList<>();
    int columns = 0;
    for (SampleRow row : samples) {
      columns = Math.max(columns, row.tensors().size());
    }
    for (SampleRow row : samples) {
      tiles.addAll(row.tensors());
      for (int i = row.tensors().size(); i < columns; i++) {
        tiles.add(new float[channels * imageSize * imageSize]);
      }
    }
    image(h, "augmented training samples", ImageGrid.png(ImageGrid.grid(tiles, channels, imageSize, imageSize,
        columns, 96)));
    h.append("<p class=\"note\">Rows: ");
    for (int i = 0; i < samples.size(); i++) {
      h.append(i == 0 ? "" : ", ").append(escape(samples.get(i).name()));
    }
    h.append("</p>\n");
  }

  private void filters(StringBuilder h) {
    h.append("<h2>First convolution's filters</h2>\n");
    FirstLayerFilters f = modelZip == null ? null : FirstLayerFilters.of(modelZip);
    if (f == null) {
      h.append("<p class=\"note\">No model or no convolution layer.</p>\n");
      return;
    }
    h.append(String.format(Locale.ROOT, "<p class=\"note\">%d filters of %d x %d over %d input channels%s.</p>%n",
        f.filters().size(), f.height(), f.width(), f.channels(),
        f.channels() == 3 ? " (as RGB)" : f.channels() == 1 ? "" : " (mean over input channels)"));
    int columns = Math.min(16, f.filters().size());
    image(h, "first convolution filters", ImageGrid.png(ImageGrid.grid(f.pictures(), f.pictureChannels(),
        f.height(), f.width(), columns, 40)));
  }

  private static void image(StringBuilder h, String alt, byte[] png) {
    h.append("<img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
