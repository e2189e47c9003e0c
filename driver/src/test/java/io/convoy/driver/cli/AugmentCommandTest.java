package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convoy augment} with a real local Spark on real images: copies, resumption, preview, bad names. */
class AugmentCommandTest {
  @TempDir static Path data;
  @TempDir Path out;

  private static final String[] PIPELINE = {"--set", "data.image-size=16", "--set",
      "pipeline.train=[{op = random-crop, padding = 3}, mirror, {op = color-jitter, brightness = 0.4}, normalize]"};

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(2, 4, 1, 16, "png", 2), data);
  }

  private ConvoyRun.Result augment(String... extra) {
    String[] base = {"augment", "--data", data.resolve("train").toString(), "--out", out.toString(),
        "--master", "local[2]"};
    String[] args = new String[base.length + PIPELINE.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(PIPELINE, 0, args, base.length, PIPELINE.length);
    System.arraycopy(extra, 0, args, base.length + PIPELINE.length, extra.length);
    return ConvoyRun.run(args);
  }

  @Test
  void writesCopiesAndAnInterruptedRunResumesWithoutDuplicates() throws Exception {
    ConvoyRun.Result first = augment("--copies", "2");
    assertEquals(0, first.status(), first.stderr());
    assertTrue(first.stdout().contains("8 images x 2 copies = 16 outputs"), first.stdout());
    assertTrue(first.stdout().contains("16 written, 0 already there, 0 failed"), first.stdout());
    Map<String, byte[]> written = files();
    assertEquals(16, written.size(), written.keySet().toString());
    int differ = 0;
    for (Map.Entry<String, byte[]> e : written.entrySet()) {
      assertTrue(e.getKey().matches("[^/]+/[^/]+_aug[01]\\.png"), e.getKey());
      BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(e.getValue()));
      assertEquals(16, img.getWidth());
      assertEquals(16, img.getHeight());
      if (e.getKey().endsWith("_aug0.png")
          && !java.util.Arrays.equals(e.getValue(), written.get(e.getKey().replace("_aug0", "_aug1")))) {
        differ++;
      }
    }
    assertTrue(differ > 0, "copies of an image are different augmentations");

    // An interrupted run: some outputs missing, one temporary file half written.
    String[] gone = written.keySet().stream().limit(3).toArray(String[]::new);
    for (String name : gone) {
      Files.delete(out.resolve(name));
    }
    Path partial = out.resolve(gone[0]).resolveSibling("." + out.resolve(gone[0]).getFileName() + ".tmp-77");
    Files.write(partial, new byte[] {1, 2, 3});

    ConvoyRun.Result again = augment("--copies", "2");
    assertEquals(0, again.status(), again.stderr());
    assertTrue(again.stdout().contains("3 written, 13 already there, 0 failed; 1 partial files removed"),
        again.stdout());
    Map<String, byte[]> resumed = files();
    assertEquals(written.keySet(), resumed.keySet(), "no duplicates, no leftovers");
    for (String name : written.keySet()) {
      assertArrayEquals(written.get(name), resumed.get(name), name + ": a copy is the same whenever it is written");
    }
    assertFalse(Files.exists(partial));
  }

  @Test
  void previewAloneWritesOneGrid() throws Exception {
    ConvoyRun.Result r = augment("--preview", "5");
    assertEquals(0, r.status(), r.stderr());
    BufferedImage grid = ImageIO.read(out.resolve("preview.png").toFile());
    assertEquals(3 * 18 + 2, grid.getWidth());
    assertEquals(2 * 18 + 2, grid.getHeight());
    assertEquals(java.util.Set.of("preview.png"), files().keySet(), "a preview alone writes no copies");
  }

  @Test
  void aNameThatCouldLeaveTheOutputFolderIsRefused() throws Exception {
    Path train = out.resolve("in");
    Path cls = Files.createDirectories(train.resolve("a"));
    Path someClass;
    try (Stream<Path> classes = Files.list(data.resolve("train"))) {
      someClass = classes.sorted().findFirst().orElseThrow();
    }
    try (Stream<Path> images = Files.list(someClass)) {
      Files.copy(images.sorted().findFirst().orElseThrow(), cls.resolve("x..y.png"));
    }
    ConvoyRun.Result r = ConvoyRun.run("augment", "--data", train.toString(), "--out",
        out.resolve("aug").toString(), "--copies", "1", "--master", "local[1]", "--set", "data.image-size=16");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("x..y.png"), r.stderr());
    assertFalse(Files.exists(out.resolve("aug").resolve("a")));
  }

  @Test
  void copiesOrPreviewIsRequiredAndBadOptionsAreUsageErrors() {
    ConvoyRun.Result r = augment();
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("--copies"), r.stderr());
    ConvoyRun.Result format = augment("--copies", "1", "--format", "gif");
    assertEquals(2, format.status());
    assertTrue(format.stderr().contains("--format gif"), format.stderr());
    for (String command : List.of("augment", "pack")) {
      ConvoyRun.Result help = ConvoyRun.run(command, "--help");
      assertEquals(0, help.status(), command);
      assertTrue(help.stdout().contains("Usage: convoy " + command), help.stdout());
    }
    assertEquals(2, ConvoyRun.run("pack", "--data", data.toString(), "--out", out.toString(), "--shards", "0").status());
  }

  private Map<String, byte[]> files() throws Exception {
    Map<String, byte[]> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        all.put(out.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return all;
  }
}
