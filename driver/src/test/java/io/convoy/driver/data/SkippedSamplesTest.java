package io.convoy.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two training images damaged inside (their image data overwritten: the catalog's magic bytes
 * and the load-time header check, which finds files cut short, still pass them): the run goes on
 * without them and lists them in skipped.txt, or fails with one clear line when
 * data.max-skipped is lower.
 */
class SkippedSamplesTest {
  @TempDir static Path data;
  @TempDir Path out;
  private static List<Path> broken;
  /** Cut short: found by the load-time header check, listed but not counted against the budget. */
  private static Path truncated;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 10, 3, 16, "png", 5), data);
    try (Stream<Path> files = Files.walk(data.resolve("train"))) {
      List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
      broken = pngs.subList(0, 2);
      truncated = pngs.get(pngs.size() - 1);
    }
    try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    for (Path file : broken) {
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        // Past the signature and IHDR (33 bytes), up to the IEND chunk (12 bytes): IDAT's data and CRC.
        f.seek(40);
        f.write(new byte[(int) f.length() - 40 - 12]);
      }
    }
  }

  @Test
  void brokenSamplesAreSkippedAndListedWithinTheBudget() throws Exception {
    Path run = out.resolve("ok");
    ConvoyRun.Result r = train(run, 5);
    assertEquals(0, r.status(), r.stderr());
    List<String> lines = Files.readAllLines(run.resolve("skipped.txt"));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(uri(truncated)) && l.contains("\ttruncated")), lines.toString());
    for (Path file : broken) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(uri(file))
          && l.contains("\tcannot decode")), lines + " lacks " + file);
    }
    assertTrue(r.stdout().contains("could not be used in round"), r.stdout());
    List<JsonNode> events = ConvoyRun.events(run);
    long examples = events.stream().filter(e -> e.get("event").asText().equals("round"))
        .mapToLong(e -> e.get("examples").asLong()).sum();
    // 29 loaded samples in 2 shards, 2 epochs; the broken files are left out each time they come up.
    assertTrue(examples < 58 && examples >= 50, "examples trained: " + examples);
    assertEquals("final", events.get(events.size() - 1).get("event").asText());
  }

  /**
   * Over the allreduce transport with a minibatch of one, a broken sample leaves its minibatch
   * empty on its replica: that replica contributes a zero gradient to the round, as over jobs.
   */
  @Test
  void aMinibatchWhoseEverySampleIsSkippedContributesNothingOverAllreduce() throws Exception {
    Path run = out.resolve("empty-minibatch");
    ConvoyRun.Result r = ConvoyRun.run("train", "--out", run.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.workers=2", "--set", "training.batch-size=1",
        "--set", "training.epochs=1", "--set", "training.averaging.mode=gradients",
        "--set", "training.transport=allreduce", "--set", "cluster.master=local[2]", "--set", "data.max-skipped=5");
    assertEquals(0, r.status(), r.stderr());
    List<String> lines = Files.readAllLines(run.resolve("skipped.txt"));
    for (Path file : broken) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(uri(file)) && l.contains("\tcannot decode")),
          lines + " lacks " + file);
    }
    List<JsonNode> events = ConvoyRun.events(run);
    long examples = events.stream().filter(e -> e.get("event").asText().equals("round"))
        .mapToLong(e -> e.get("examples").asLong()).sum();
    assertEquals(29 - broken.size(), examples, "every loaded sample but the broken ones trained once");
    assertEquals("final", events.get(events.size() - 1).get("event").asText());
  }

  @Test
  void moreBrokenSamplesThanTheBudgetFailTheRunClearly() throws Exception {
    Path run = out.resolve("fail");
    ConvoyRun.Result r = train(run, 1);
    assertEquals(1, r.status(), r.stderr());
    String line = r.stderr().lines().findFirst().orElseThrow();
    assertTrue(line.startsWith("convoy: error: 2 samples could not be read or decoded during training, "
        + "more than data.max-skipped = 1"), r.stderr());
    assertEquals(3, Files.readAllLines(run.resolve("skipped.txt")).size());
    assertFalse(Files.exists(run.resolve("model.zip")));
  }

  private static String uri(Path file) {
    return file.toUri().toString().replace("file:///", "file:/");
  }

  private static ConvoyRun.Result train(Path run, int maxSkipped) {
    return ConvoyRun.run("train", "--out", run.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.workers=2", "--set", "training.batch-size=6",
        "--set", "training.epochs=2", "--set", "training.averaging.frequency=3", "--set", "cluster.master=local[2]",
        "--set", "data.max-skipped=" + maxSkipped);
  }
}
