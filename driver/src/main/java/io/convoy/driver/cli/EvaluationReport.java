package io.convoy.driver.cli;

import io.convoy.worker.replica.EvalResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation as people and programs read it: top-1, top-5, loss, precision and recall per
 * class (from the confusion matrix) and the matrix itself, as text or as one JSON object.
 */
final class EvaluationReport {
  private final EvalResult result;
  private final List<String> labels;
  private final long[][] confusion;

  EvaluationReport(EvalResult result, List<String> labels) {
    this.result = result;
    this.labels = List.copyOf(labels);
    this.confusion = result.confusionMatrix();
  }

  /** Of the images predicted as class {@code c}, the fraction that are; null when none was. */
  Double precision(int c) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[c];
    }
    return predicted == 0 ? null : (double) confusion[c][c] / predicted;
  }

  /** Of the images of class {@code c}, the fraction predicted as it; null when there are none. */
  Double recall(int c) {
    long actual = images(c);
    return actual == 0 ? null : (double) confusion[c][c] / actual;
  }

  long images(int c) {
    long n = 0;
    for (long v : confusion[c]) {
      n += v;
    }
    return n;
  }

  /** Fields for JSON output, after the caller's own leading fields. */
  Map<String, Object> toMap(Map<String, Object> leading) {
    Map<String, Object> json = new LinkedHashMap<>(leading);
    json.put("images", result.examples());
    json.put("top1", result.top1());
    json.put("top5", result.top5());
    json.put("loss", result.loss());
    List<Map<String, Object>> classes = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", labels.get(c));
      row.put("images", images(c));
      row.put("precision", precision(c));
      row.put("recall", recall(c));
      classes.add(row);
    }
    json.put("classes", classes);
    json.put("confusion", confusion);
    return json;
  }

  String toText() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "top-1 %.4f  top-5 %.4f  loss %.4f  (%,d images)%n",
        result.top1(), result.top5(), result.loss(), result.examples()));
    int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(5));
    s.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %7s  %7s%n", "class", "precision", "recall", "images"));
    for (int c = 0; c < labels.size(); c++) {
      s.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %7s  %7d%n", labels.get(c), format(precision(c)),
          format(recall(c)), images(c)));
    }
    s.append("confusion matrix (rows: true class, columns: predicted class)").append(System.lineSeparator());
    int cell = Math.max(6, String.valueOf(result.examples()).length() + 1);
    s.append(" ".repeat(width));
    for (int c = 0; c < labels.size(); c++) {
      s.append(String.format(Locale.ROOT, " %" + cell + "s", abbreviate(labels.get(c), cell)));
    }
    s.append(System.lineSeparator());
    for (int r = 0; r < labels.size(); r++) {
      s.append(String.format(Locale.ROOT, "%-" + width + "s", labels.get(r)));
      for (int c = 0; c < labels.size(); c++) {
        s.append(String.format(Locale.ROOT, " %" + cell + "d", confusion[r][c]));
      }
      s.append(System.lineSeparator());
    }
    return s.toString();
  }

  private static String format(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String abbreviate(String name, int width) {
    return name.length() <= width ? name : name.substring(0, width);
  }
}
