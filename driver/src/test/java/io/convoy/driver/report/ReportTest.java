package io.convoy.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.testing.TrainedModel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} of a real run, opened in headless Chromium (Debian's {@code chromium},
 * which {@code .ci/run} installs): every embedded image must decode and have a size.
 */
class ReportTest {
  /** Charts (loss, accuracy, throughput, time split, learning rate), samples, filters. */
  private static final int IMAGES = 7;
  private static final Pattern CHECK = Pattern.compile("<pre id=\"image-check\">(.*?)</pre>", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void everyImageOfTheReportRendersInChromium() throws Exception {
    TrainedModel model = TrainedModel.get();
    Path report = model.run.resolve("report.html");
    assertTrue(Files.isRegularFile(report), "no report.html; training printed:\n" + model.training.stdout());
    assertTrue(model.training.stdout().contains("report in "), model.training.stdout());
    String html = Files.readString(report);
    assertFalse(html.contains("<script"), "the report needs no script");
    assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(html).find(), "the report fetches nothing");
    assertEquals(IMAGES, count(html, "<img "), html.length() + " characters");
    assertTrue(html.contains("<table class=\"confusion\">"), "confusion matrix missing");
    assertTrue(html.contains("<th>recall</th>") && html.contains("<th>precision</th>"), "precision and recall");
    for (String label : Files.readAllLines(model.run.resolve("labels.txt"))) {
      assertTrue(html.contains("<th>" + label + "</th>"), label);
    }
    assertTrue(html.contains("train-metrics-images=10000"), "configuration missing");

    // The page under test plus a probe that writes what the browser made of each image into the DOM.
    String probe = "<script>window.addEventListener('load', function () {"
        + "var imgs = Array.prototype.slice.call(document.images);"
        + "var bad = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0); })"
        + ".map(function (i) { return i.alt; });"
        + "var pre = document.createElement('pre'); pre.id = 'image-check';"
        + "pre.textContent = 'images=' + imgs.length + ' broken=' + bad.length + ' ' + bad.join('|')"
        + " + ' sizes=' + imgs.map(function (i) { return i.naturalWidth + 'x' + i.naturalHeight; }).join(',');"
        + "document.body.appendChild(pre); });</script>";
    Path page = dir.resolve("report-probe.html");
    Files.writeString(page, html.replace("</body>", probe + "</body>"));
    String dom = chromiumDom(page);
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "the probe did not run; Chromium printed:\n" + dom);
    String check = m.group(1);
    assertTrue(check.startsWith("images=" + IMAGES + " broken=0 "), check);
    for (String size : check.substring(check.indexOf("sizes=") + 6).split(",")) {
      String[] wh = size.split("x");
      assertTrue(Integer.parseInt(wh[0]) >= 16 && Integer.parseInt(wh[1]) >= 16, check);
    }
  }

  @Test
  void everyEpochCarriesTrainAndValidationAccuracyForTheCharts() throws Exception {
    TrainedModel model = TrainedModel.get();
    ObjectMapper json = new ObjectMapper();
    int epochs = 0;
    for (String line : Files.readAllLines(model.run.resolve("metrics.jsonl"))) {
      JsonNode e = json.readTree(line);
      if (!e.get("event").asText().equals("epoch")) {
        continue;
      }
      epochs++;
      // 72 training images, fewer than output.train-metrics-images: all of them are evaluated.
      assertEquals(72, e.get("train_eval_examples").asInt(), line);
      for (String f : List.of("train_top1", "train_top5", "val_top1", "val_top5")) {
        double v = e.get(f).asDouble();
        assertTrue(v >= 0 && v <= 1, f + " in " + line);
      }
      assertTrue(e.get("train_top5").asDouble() >= e.get("train_top1").asDouble(), line);
    }
    assertEquals(3, epochs);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** The DOM after load, from headless Chromium; fails (never skips) when Chromium is missing. */
  private String chromiumDom(Path page) throws IOException, InterruptedException {
    String chromium = findChromium();
    List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()));
    Path out = dir.resolve("dom.html");
    Path err = dir.resolve("chromium.log");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not exit in 3 minutes:\n" + Files.readString(err));
    }
    assertEquals(0, p.exitValue(), "chromium failed:\n" + Files.readString(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String findChromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          return f.getPath();
        }
      }
    }
    throw new AssertionError("headless Chromium is needed to check report.html: install Debian's chromium "
        + "(apt-get install chromium; .ci/run installs it)");
  }
}
