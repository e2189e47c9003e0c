package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConfigLoader;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.driver.testing.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convoy predict --data} on real Spark (local[2]) with a model trained for real: one row
 * per image in every format, the same classes and probabilities as the one-image path, packs,
 * flat folders, skipped files, the truth column and the printed accuracy, and usage errors.
 */
class PredictDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORMATS = List.of("parquet", "csv", "jsonl");
  private static final int TOP = 2;

  @TempDir static Path dir;
  private static TrainedModel model;
  private static Path labelled;
  /** Image path -> the one-image path's (class, probability) pairs, most probable first. */
  private static final Map<String, List<Guess>> single = new HashMap<>();
  private static final Map<String, ConvoyRun.Result> runs = new HashMap<>();
  private static final Map<String, Map<String, Scored>> tables = new HashMap<>();

  record Guess(String label, double probability) {}

  record Scored(String predicted, double probability, List<Guess> top, String truth) {}

  @BeforeAll
  static void predictEveryWay() throws Exception {
    model = TrainedModel.get();
    labelled = dir.resolve("labelled");
    ConvoyRun.copy(model.data.resolve("val"), labelled);
    List<Path> images = files(labelled);
    String firstClass = labelled.relativize(images.get(0)).getName(0).toString();
    // Passes the catalog's look (PNG magic, IEND at the end) but no decoder reads it.
    byte[] broken = new byte[64];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, broken, 0, 8);
    System.arraycopy("IEND".getBytes(StandardCharsets.US_ASCII), 0, broken, 56, 4);
    Files.write(labelled.resolve(firstClass).resolve("broken.png"), broken);
    Files.writeString(labelled.resolve(firstClass).resolve("notes.txt"), "not an image");

    List<String> args = new ArrayList<>(List.of("predict", "--model", model.run.toString(), "--top",
        String.valueOf(TOP), "--json"));
    images.forEach(p -> args.add(p.toString()));
    ConvoyRun.Result one = ConvoyRun.run(args.toArray(String[]::new));
    assertEquals(0, one.status(), one.stderr());
    for (JsonNode p : JSON.readTree(one.stdout()).get("predictions")) {
      List<Guess> guesses = new ArrayList<>();
      p.get("top").forEach(g -> guesses.add(new Guess(g.get("class").asText(), g.get("probability").asDouble())));
      single.put(Path.of(p.get("image").asText()).toUri().getPath(), guesses);
    }

    for (String format : FORMATS) {
      predict(format, labelled, format);
    }
    Path pack = dir.resolve("pack");
    ConvoyRun.Result packed = ConvoyRun.run("pack", "--data", model.data.resolve("val").toString(), "--out",
        pack.toString(), "--shards", "2", "--master", "local[2]");
    assertEquals(0, packed.status(), packed.stderr());
    predict("pack", pack, "jsonl");
    Path flat = dir.resolve("flat");
    Files.createDirectories(flat);
    for (Path image : images) {
      Files.copy(image, flat.resolve(image.getParent().getFileName() + "-" + image.getFileName()));
    }
    predict("flat", flat, "parquet");
    readTables();
  }

  private static void predict(String name, Path data, String format) {
    ConvoyRun.Result r = ConvoyRun.run("predict", "--model", model.run.toString(), "--data", data.toString(),
        "--out", dir.resolve("out-" + name).toString(), "--format", format, "--top", String.valueOf(TOP),
        "--master", "local[2]");
    assertEquals(0, r.status(), name + ": " + r.stderr());
    runs.put(name, r);
  }

  private static void readTables() {
    try (JavaSparkContext sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[1]")),
        "read predictions")) {
      SparkSession spark = SparkSession.builder().getOrCreate();
      for (String name : runs.keySet()) {
        String format = name.equals("pack") ? "jsonl" : name.equals("flat") ? "parquet" : name;
        String out = dir.resolve("out-" + name).toString();
        Dataset<Row> table = switch (format) {
          case "parquet" -> spark.read().parquet(out);
          case "csv" -> spark.read().option("header", "true").option("escape", "\"").csv(out);
          default -> spark.read().json(out);
        };
        Map<String, Scored> rows = new HashMap<>();
        for (Row row : table.collectAsList()) {
          rows.put(new org.apache.hadoop.fs.Path(row.getAs("path").toString()).toUri().getPath(), scored(row, format));
        }
        tables.put(name, rows);
      }
    }
  }

  private static Scored scored(Row row, String format) {
    List<String> classes = new ArrayList<>();
    List<Double> probabilities = new ArrayList<>();
    if (format.equals("csv")) {
      try {
        JSON.readTree(row.<String>getAs("top_classes")).forEach(n -> classes.add(n.asText()));
        JSON.readTree(row.<String>getAs("top_probabilities")).forEach(n -> probabilities.add(n.asDouble()));
      } catch (IOException e) {
        throw new AssertionError("top-k columns of the csv are not JSON arrays: " + row, e);
      }
    } else {
      row.<scala.collection.Seq<Object>>getAs("top_classes").foreach(c -> classes.add(c.toString()));
      row.<scala.collection.Seq<Object>>getAs("top_probabilities")
          .foreach(p -> probabilities.add(Double.parseDouble(p.toString())));
    }
    List<Guess> top = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      top.add(new Guess(classes.get(i), probabilities.get(i)));
    }
    boolean hasTruth = List.of(row.schema().fieldNames()).contains("true_class");
    return new Scored(row.getAs("predicted_class").toString(), Double.parseDouble(row.getAs("probability").toString()),
        top, hasTruth ? row.getAs("true_class").toString() : null);
  }

  @Test
  void everyFormatHasOneRowPerImageWithTheOneImagePathsClassesAndProbabilities() {
    for (String format : FORMATS) {
      Map<String, Scored> rows = tables.get(format);
      assertEquals(single.keySet(), rows.keySet(), format);
      single.forEach((path, guesses) -> assertSame(guesses, rows.get(path), format + " " + path));
    }
  }

  @Test
  void theCsvQuotesItsJsonArraysAsRfc4180Says() throws IOException {
    try (Stream<Path> parts = Files.list(dir.resolve("out-csv"))) {
      String row = parts.filter(p -> p.getFileName().toString().endsWith(".csv"))
          .flatMap(p -> lines(p).stream().skip(1)).findFirst().orElseThrow();
      assertTrue(row.contains(",\"[\"\""), row);
      assertFalse(row.contains("\\\""), row);
    }
  }

  @Test
  void aPackScoresLikeItsFolder() {
    Map<String, Scored> rows = tables.get("pack");
    assertEquals(single.size(), rows.size());
    Map<String, List<Guess>> byRelative = new HashMap<>();
    single.forEach((path, guesses) -> byRelative.put(relative(path), guesses));
    rows.forEach((path, row) -> {
      assertSame(byRelative.get(relative(path)), row, "pack " + path);
      assertEquals(Path.of(path).getParent().getFileName().toString(), row.truth(), path);
    });
  }

  @Test
  void aFlatFolderIsScoredWithoutATrueClass() {
    Map<String, Scored> rows = tables.get("flat");
    assertEquals(single.size(), rows.size());
    rows.values().forEach(row -> assertNull(row.truth()));
    assertFalse(runs.get("flat").stdout().contains("top-1"), runs.get("flat").stdout());
  }

  @Test
  void theTrueClassIsTheClassFolderAndTheAccuracyPrintedIsTheTables() {
    Map<String, Scored> rows = tables.get("parquet");
    long right = 0;
    for (Map.Entry<String, Scored> e : rows.entrySet()) {
      assertEquals(Path.of(e.getKey()).getParent().getFileName().toString(), e.getValue().truth(), e.getKey());
      right += e.getValue().predicted().equals(e.getValue().truth()) ? 1 : 0;
    }
    String expected = String.format(Locale.ROOT, "top-1 %.4f  top-5 %.4f  (%d images with a true class)",
        (double) right / rows.size(), 1.0, rows.size());
    assertTrue(runs.get("parquet").stdout().contains(expected), expected + " in:\n" + runs.get("parquet").stdout());
  }

  @Test
  void filesThatAreNotImagesOrDoNotDecodeAreSkippedCountedAndListed() throws IOException {
    ConvoyRun.Result r = runs.get("csv");
    assertTrue(r.stdout().contains("convoy: skipped 2 files that are not usable images"), r.stdout());
    List<String> listed = Files.readAllLines(dir.resolve("out-csv").resolve("_skipped.txt"));
    assertEquals(2, listed.size(), listed.toString());
    assertTrue(listed.stream().anyMatch(l -> l.contains("broken.png\tnot a decodable image")), listed.toString());
    assertTrue(listed.stream().anyMatch(l -> l.contains("notes.txt\tnot an image")), listed.toString());
    assertTrue(tables.get("csv").keySet().stream().noneMatch(p -> p.endsWith("broken.png")));
  }

  @Test
  void usageErrorsExitTwoWithOneLineSayingWhatIsAccepted() throws IOException {
    String m = model.run.toString();
    String data = labelled.toString();
    String out = dir.resolve("never").toString();
    Path image = files(labelled).get(0);
    assertUsage("not both", "predict", "--model", m, "--data", data, "--out", out, image.toString());
    assertUsage("--format xml: expected one of parquet, csv, jsonl", "predict", "--model", m, "--data", data,
        "--out", out, "--format", "xml");
    assertUsage("give --out PATH", "predict", "--model", m, "--data", data);
    assertUsage("exists", "predict", "--model", m, "--data", data, "--out", dir.resolve("out-csv").toString());
    assertUsage("go with --data", "predict", "--model", m, "--out", out, image.toString());
    Path zebra = dir.resolve("zebra-data").resolve("zebra");
    Files.createDirectories(zebra);
    Files.copy(image, zebra.resolve("z.png"));
    assertUsage("classes the model was not trained on: [zebra]", "predict", "--model", m, "--data",
        zebra.getParent().toString(), "--out", out);
    assertFalse(Files.exists(Path.of(out)), "a refused run writes nothing");
  }

  private static void assertUsage(String says, String... args) {
    ConvoyRun.Result r = ConvoyRun.run(args);
    assertEquals(2, r.status(), String.join(" ", args) + "\n" + r.stderr());
    assertTrue(r.stderr().contains(says), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), "one line: " + r.stderr());
  }

  private static void assertSame(List<Guess> expected, Scored row, String where) {
    assertEquals(expected.size(), row.top().size(), where);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).label(), row.top().get(i).label(), where);
      assertEquals(expected.get(i).probability(), row.top().get(i).probability(), 1e-5, where);
    }
    assertEquals(expected.get(0).label(), row.predicted(), where);
    assertEquals(expected.get(0).probability(), row.probability(), 1e-5, where);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String relative(String path) {
    Path p = Path.of(path);
    return p.getParent().getFileName() + "/" + p.getFileName();
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
  }
}
