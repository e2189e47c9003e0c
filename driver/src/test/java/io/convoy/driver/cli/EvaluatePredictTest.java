package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.driver.testing.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convoy evaluate} and {@code convoy predict} on a model trained for real
 * ({@link TrainedModel}): they must agree with the run's own validation and with each other.
 */
class EvaluatePredictTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TrainedModel model;
  private static JsonNode finalEvent;

  @TempDir Path dir;

  @BeforeAll
  static void train() throws IOException {
    model = TrainedModel.get();
    List<String> lines = Files.readAllLines(model.run.resolve("metrics.jsonl"));
    finalEvent = JSON.readTree(lines.get(lines.size() - 1));
  }

  @Test
  void evaluateOnTheValidationFolderReproducesTheRunsFinalValidation() throws Exception {
    ConvoyRun.Result r = ConvoyRun.run("evaluate", "--model", model.run.toString(),
        "--data", model.data.resolve("val").toString(), "--json", "--master", "local[2]", "--partitions", "3");
    assertEquals(0, r.status(), r.stderr());
    JsonNode e = JSON.readTree(r.stdout());
    assertEquals(finalEvent.get("val_top1").asDouble(), e.get("top1").asDouble(), 1e-9);
    assertEquals(finalEvent.get("val_top5").asDouble(), e.get("top5").asDouble(), 1e-9);
    assertEquals(finalEvent.get("val_loss").asDouble(), e.get("loss").asDouble(), 1e-4);
    assertEquals(finalEvent.get("confusion"), e.get("confusion"));
    assertEquals(24, e.get("images").asInt());
    JsonNode confusion = e.get("confusion");
    for (int c = 0; c < 3; c++) {
      JsonNode row = e.get("classes").get(c);
      assertEquals(Files.readAllLines(model.run.resolve("labels.txt")).get(c), row.get("name").asText());
      long diagonal = confusion.get(c).get(c).asLong();
      long actual = 0;
      long predicted = 0;
      for (int k = 0; k < 3; k++) {
        actual += confusion.get(c).get(k).asLong();
        predicted += confusion.get(k).get(c).asLong();
      }
      assertEquals(actual, row.get("images").asLong());
      assertEquals((double) diagonal / actual, row.get("recall").asDouble(), 1e-12);
      if (predicted > 0) {
        assertEquals((double) diagonal / predicted, row.get("precision").asDouble(), 1e-12);
      } else {
        assertTrue(row.get("precision").isNull(), row.toString());
      }
    }
  }

  @Test
  void evaluatePrintsTablesAndAcceptsAModelZipWithASubsetOfClasses() throws Exception {
    List<String> labels = Files.readAllLines(model.run.resolve("labels.txt"));
    Path subset = dir.resolve("subset");
    ConvoyRun.copy(model.data.resolve("val").resolve(labels.get(2)), subset.resolve(labels.get(2)));
    ConvoyRun.Result r = ConvoyRun.run("evaluate", "--model", model.run.resolve("model.zip").toString(),
        "--data", subset.toString(), "--master", "local[1]");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("(8 images)"), r.stdout());
    assertTrue(r.stdout().contains("precision"), r.stdout());
    assertTrue(r.stdout().contains("confusion matrix"), r.stdout());
    // Only the third class is present: its row of the matrix holds all 8 images.
    String row = r.stdout().lines().filter(l -> l.startsWith(labels.get(2) + " ")).reduce((a, b) -> b).orElseThrow();
    long sum = Stream.of(row.substring(labels.get(2).length()).trim().split("\\s+")).mapToLong(Long::parseLong).sum();
    assertEquals(8, sum, r.stdout());
  }

  @Test
  void predictAgreesWithEvaluationImageByImage() throws Exception {
    List<String> labels = Files.readAllLines(model.run.resolve("labels.txt"));
    List<String> images = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    for (String label : labels) {
      try (Stream<Path> files = Files.list(model.data.resolve("val").resolve(label))) {
        files.sorted().forEach(p -> {
          images.add(p.toString());
          truth.add(label);
        });
      }
    }
    List<String> args = new ArrayList<>(List.of("predict", "--model", model.run.toString(), "--top", "2", "--json"));
    args.addAll(images);
    ConvoyRun.Result r = ConvoyRun.run(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.stderr());
    JsonNode predictions = JSON.readTree(r.stdout()).get("predictions");
    assertEquals(images.size(), predictions.size());
    int correct = 0;
    for (int i = 0; i < images.size(); i++) {
      JsonNode p = predictions.get(i);
      assertEquals(images.get(i), p.get("image").asText());
      JsonNode top = p.get("top");
      assertEquals(2, top.size());
      double first = top.get(0).get("probability").asDouble();
      double second = top.get(1).get("probability").asDouble();
      assertTrue(first >= second && second >= 0 && first + second <= 1 + 1e-5, top.toString());
      assertTrue(labels.contains(top.get(0).get("class").asText()), top.toString());
      if (top.get(0).get("class").asText().equals(truth.get(i))) {
        correct++;
      }
    }
    assertEquals(finalEvent.get("val_top1").asDouble(), (double) correct / images.size(), 1e-9);
  }

  @Test
  void aModelZipAloneIsEnoughToPredict() throws Exception {
    Path alone = dir.resolve("elsewhere/model.zip");
    Files.createDirectories(alone.getParent());
    Files.copy(model.run.resolve("model.zip"), alone);
    String image = firstImage();
    ConvoyRun.Result fromZip = ConvoyRun.run("predict", "--model", alone.toString(), image);
    ConvoyRun.Result fromRun = ConvoyRun.run("predict", "--model", model.run.toString(), image);
    assertEquals(0, fromZip.status(), fromZip.stderr());
    assertEquals(fromRun.stdout(), fromZip.stdout());
    List<String> lines = fromZip.stdout().lines().toList();
    assertEquals(image, lines.get(0));
    assertEquals(1 + 3, lines.size(), "top 5 is capped at the model's 3 classes: " + lines);
  }

  @Test
  void badModelPathsAreUsageErrorsThatSayWhatToGive() throws Exception {
    ConvoyRun.Result missing = ConvoyRun.run("predict", "--model", dir.resolve("nope").toString(),
        firstImage());
    assertEquals(2, missing.status(), missing.stderr());
    assertTrue(missing.stderr().contains("no such file or folder"), missing.stderr());
    ConvoyRun.Result empty = ConvoyRun.run("evaluate", "--model", dir.toString(),
        "--data", model.data.resolve("val").toString());
    assertEquals(2, empty.status(), empty.stderr());
    assertTrue(empty.stderr().contains("has no model.zip"), empty.stderr());
    Path notZip = dir.resolve("model.zip");
    Files.writeString(notZip, "not a zip");
    ConvoyRun.Result garbage = ConvoyRun.run("predict", "--model", notZip.toString(), firstImage());
    assertEquals(2, garbage.status(), garbage.stderr());
    assertTrue(garbage.stderr().contains("not a zip file"), garbage.stderr());
    assertFalse(garbage.stderr().contains("\tat "), garbage.stderr());
  }

  @Test
  void classesTheModelDoesNotKnowAreAUsageError() throws Exception {
    Path data = dir.resolve("data");
    ConvoyRun.copy(model.data.resolve("val"), data);
    ConvoyRun.copy(model.data.resolve("val").resolve(Files.readAllLines(model.run.resolve("labels.txt")).get(0)),
        data.resolve("zebra"));
    ConvoyRun.Result r = ConvoyRun.run("evaluate", "--model", model.run.toString(), "--data", data.toString(),
        "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("[zebra]"), r.stderr());
  }

  @Test
  void labelsThatDoNotMatchTheNetworkAreAUsageError() throws Exception {
    // A plain DL4J model.zip (no convoy entries) with labels.txt and config.conf beside it, as
    // older runs wrote them, but with a fourth class the 3-output network cannot have.
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(model.run.resolve("model.zip")));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(old.resolve("model.zip")))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.getName().startsWith("convoy/")) {
          out.putNextEntry(new ZipEntry(e.getName()));
          in.transferTo(out);
        }
      }
    }
    Files.copy(model.run.resolve("config.conf"), old.resolve("config.conf"));
    Files.copy(model.run.resolve("labels.txt"), old.resolve("labels.txt"));
    // As DL4J wrote it, it still loads in plain DL4J and, with the files beside it, in convoy.
    try (InputStream in = Files.newInputStream(old.resolve("model.zip"))) {
      assertEquals(3, ModelSerializer.restoreMultiLayerNetwork(in, false).getOutputLayer().getParam("b").length());
    }
    ConvoyRun.Result ok = ConvoyRun.run("predict", "--model", old.toString(), firstImage());
    assertEquals(0, ok.status(), ok.stderr());
    try (OutputStream labels = Files.newOutputStream(old.resolve("labels.txt"),
        java.nio.file.StandardOpenOption.APPEND)) {
      labels.write("zebra\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ConvoyRun.Result r = ConvoyRun.run("predict", "--model", old.toString(), firstImage());
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("do not belong together"), r.stderr());
  }

  @Test
  void helpDescribesBothCommands() {
    for (String command : List.of("evaluate", "predict")) {
      ConvoyRun.Result r = ConvoyRun.run(command, "--help");
      assertEquals(0, r.status(), command);
      assertTrue(r.stdout().contains("Usage: convoy " + command) && r.stdout().contains("--model"), r.stdout());
    }
  }

  @Test
  void badImagesAndBadOptionsAreUsageErrors() throws Exception {
    Path text = dir.resolve("notes.png");
    Files.writeString(text, "not an image");
    ConvoyRun.Result bad = ConvoyRun.run("predict", "--model", model.run.toString(), text.toString());
    assertEquals(2, bad.status(), bad.stderr());
    assertTrue(bad.stderr().contains("not a decodable image"), bad.stderr());
    ConvoyRun.Result missing = ConvoyRun.run("predict", "--model", model.run.toString(),
        dir.resolve("nothing.png").toString());
    assertEquals(2, missing.status(), missing.stderr());
    assertTrue(missing.stderr().contains("no such image file"), missing.stderr());
    assertEquals(2, ConvoyRun.run("predict", "--model", model.run.toString(), "--top", "0", firstImage()).status());
    assertEquals(2, ConvoyRun.run("predict", "--model", model.run.toString()).status());
  }

  private static String firstImage() throws IOException {
    try (Stream<Path> files = Files.walk(model.data.resolve("val"))) {
      return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow().toString();
    }
  }
}
