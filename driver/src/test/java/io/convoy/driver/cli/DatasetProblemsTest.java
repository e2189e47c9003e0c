package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unusable files (empty, truncated, not images, or with a header no decoder reads) are skipped
 * and reported (skipped.txt, a count in metrics.jsonl), whether found by the catalog scan or by
 * the check of the loaded bytes, through a pack too; dataset layouts that cannot be trained on are
 * exit 2 with the reason.
 */
class DatasetProblemsTest {
  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dirtyDataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(2, 8, 2, 16, "jpg", 4), data);
    Path someClass;
    try (Stream<Path> classes = Files.list(data.resolve("train"))) {
      someClass = classes.sorted().findFirst().orElseThrow();
    }
    byte[] jpeg;
    try (Stream<Path> images = Files.list(someClass)) {
      jpeg = Files.readAllBytes(images.sorted().findFirst().orElseThrow());
    }
    Files.write(someClass.resolve("zero.jpg"), new byte[0]);
    Files.write(someClass.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Files.writeString(someClass.resolve("notes.txt"), "not an image");
    // Starts and ends like a JPEG (so the catalog's quick look passes it), but no decoder reads it.
    byte[] garbled = new byte[64];
    garbled[0] = (byte) 0xFF;
    garbled[1] = (byte) 0xD8;
    garbled[2] = (byte) 0xFF;
    garbled[62] = (byte) 0xFF;
    garbled[63] = (byte) 0xD9;
    Files.write(someClass.resolve("garbled.jpg"), garbled);
  }

  @Test
  void unusableFilesAreListedAndCountedWhetherTrainedFromTheFolderOrItsPack() throws Exception {
    assertSkippedReported(train(out.resolve("folder"), data.resolve("train").toString()));
    ConvoyRun.Result pack = ConvoyRun.run("pack", "--data", data.resolve("train").toString(),
        "--out", out.resolve("pack").toString(), "--shards", "2", "--master", "local[2]");
    assertEquals(0, pack.status(), pack.stderr());
    assertTrue(pack.stdout().contains("(4 skipped)"), pack.stdout());
    assertSkippedReported(train(out.resolve("packed"), out.resolve("pack").toString()));
  }

  @Test
  void emptyClassFolderIsExitTwoNamingIt() throws Exception {
    Path train = out.resolve("train");
    Files.createDirectories(train.resolve("full"));
    Files.createDirectories(train.resolve("hollow"));
    try (Stream<Path> images = Files.list(data.resolve("val"))) {
      Path cls = images.sorted().findFirst().orElseThrow();
      try (Stream<Path> files = Files.list(cls)) {
        Files.copy(files.findFirst().orElseThrow(), train.resolve("full").resolve("1.jpg"));
      }
    }
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + train, "--out", out.resolve("run").toString(),
        "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("hollow is empty"), r.stderr());
  }

  @Test
  void validationClassesOtherThanTrainingClassesIsExitTwo() throws Exception {
    Path val = out.resolve("val");
    try (Stream<Path> classes = Files.list(data.resolve("val"))) {
      for (Path cls : classes.toList()) {
        Files.createDirectories(val.resolve(cls.getFileName().toString()));
        try (Stream<Path> files = Files.list(cls)) {
          for (Path f : files.toList()) {
            Files.copy(f, val.resolve(cls.getFileName().toString()).resolve(f.getFileName().toString()));
          }
        }
      }
    }
    Path extra = Files.createDirectories(val.resolve("zebra"));
    try (Stream<Path> files = Files.list(val.resolve(Files.list(data.resolve("val")).sorted().findFirst()
        .orElseThrow().getFileName().toString()))) {
      Files.copy(files.findFirst().orElseThrow(), extra.resolve("z.jpg"));
    }
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + data.resolve("train"),
        "--set", "data.val=" + val, "--out", out.resolve("run").toString(), "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("extra [zebra]"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), r.stderr());
  }

  private static Path train(Path run, String trainData) {
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + trainData,
        "--set", "data.val=" + data.resolve("val"), "--set", "data.image-size=16", "--set", "training.epochs=1",
        "--set", "training.batch-size=8", "--out", run.toString(), "--master", "local[2]");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("skipped 4 files"), r.stdout());
    return run;
  }

  private static void assertSkippedReported(Path run) throws Exception {
    List<String> skipped = Files.readAllLines(run.resolve("skipped.txt"));
    assertEquals(4, skipped.size(), skipped.toString());
    assertTrue(skipped.stream().anyMatch(l -> l.contains("zero.jpg\tempty file")), skipped.toString());
    assertTrue(skipped.stream().anyMatch(l -> l.contains("cut.jpg\ttruncated: JPEG")), skipped.toString());
    assertTrue(skipped.stream().anyMatch(l -> l.contains("notes.txt\tnot an image")), skipped.toString());
    assertTrue(skipped.stream().anyMatch(l -> l.contains("garbled.jpg\tcannot decode")), skipped.toString());
    JsonNode start = new ObjectMapper().readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(0));
    assertEquals(4, start.get("skipped_files").asInt(), start.toString());
  }
}
