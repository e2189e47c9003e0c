package io.convoy.pipeline.synthetic;

import io.convoy.pipeline.codec.ImageIODecoder;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesGeneratorTest {
  @TempDir Path dir;

  @Test
  void writesTrainAndValFoldersThatTheCatalogReads() throws Exception {
    GeneratedDataset d = ShapesGenerator.generate(new ShapesSpec(3, 4, 2, 16, "png", 1), dir);
    assertEquals(List.of("green-circle", "red-circle", "red-cross"), d.classes());
    assertEquals(dir.resolve("train"), d.train());
    assertEquals(dir.resolve("val"), d.val());
    for (String cls : d.classes()) {
      assertEquals(Set.of("0.png", "1.png", "2.png", "3.png"), names(d.train().resolve(cls)));
      assertEquals(Set.of("0.png", "1.png"), names(d.val().resolve(cls)));
    }
    Catalog train = Catalog.scan(d.train().toString(), new Configuration());
    assertEquals(d.classes(), train.classes());
    assertEquals(12, train.samples().size());
    assertEquals(List.of(), train.skipped());
    Image img = new ImageIODecoder().decode(Files.readAllBytes(d.train().resolve("red-cross/0.png")), 3);
    assertEquals(16, img.width());
    assertEquals(16, img.height());
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherImages() throws Exception {
    ShapesSpec spec = new ShapesSpec(2, 3, 1, 16, "png", 5);
    ShapesGenerator.generate(spec, dir.resolve("a"));
    ShapesGenerator.generate(spec, dir.resolve("b"));
    ShapesGenerator.generate(new ShapesSpec(2, 3, 1, 16, "png", 6), dir.resolve("c"));
    byte[] a = Files.readAllBytes(dir.resolve("a/train/red-circle/2.png"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/train/red-circle/2.png")));
    assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c/train/red-circle/2.png"))));
    assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("a/train/red-circle/1.png"))));
  }

  @Test
  void writesJpeg() throws Exception {
    GeneratedDataset d = ShapesGenerator.generate(new ShapesSpec(2, 1, 1, 24, "jpg", 5), dir);
    byte[] jpg = Files.readAllBytes(d.val().resolve("red-cross/0.jpg"));
    assertEquals((byte) 0xFF, jpg[0]);
    assertEquals((byte) 0xD8, jpg[1]);
    assertEquals(24, new ImageIODecoder().decode(jpg, 1).width());
  }

  @Test
  void classesNeedBothShapeAndColor() {
    for (int n : new int[] {4, 8, 16, ShapesGenerator.MAX_CLASSES}) {
      List<String> names = ShapesGenerator.classNames(n);
      assertEquals(n, new HashSet<>(names).size());
      Map<String, Integer> colors = new HashMap<>();
      Map<String, Integer> shapes = new HashMap<>();
      for (String name : names) {
        String[] parts = name.split("-");
        colors.merge(parts[0], 1, Integer::sum);
        shapes.merge(parts[1], 1, Integer::sum);
      }
      assertTrue(colors.values().stream().allMatch(c -> c >= 2), n + " classes: " + colors);
      assertTrue(shapes.values().stream().allMatch(c -> c >= 2), n + " classes: " + shapes);
    }
    assertEquals(64, ShapesGenerator.MAX_CLASSES);
  }

  @Test
  void rejectsBadSpecs() {
    for (int classes : new int[] {1, 65}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ShapesGenerator.generate(new ShapesSpec(classes, 1, 1, 16, "png", 1), dir));
      assertTrue(e.getMessage().contains("expected 2 to 64"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> ShapesGenerator.generate(new ShapesSpec(2, 1, 1, 16, "gif", 1), dir));
    assertThrows(IllegalArgumentException.class,
        () -> ShapesGenerator.generate(new ShapesSpec(2, 0, 1, 16, "png", 1), dir));
    assertThrows(IllegalArgumentException.class,
        () -> ShapesGenerator.generate(new ShapesSpec(2, 1, 1, 4, "png", 1), dir));
  }

  @Test
  void rewritesItsOwnAndHiddenFilesButRefusesAFolderHoldingOthers() throws Exception {
    ShapesSpec spec = new ShapesSpec(2, 2, 1, 16, "png", 1);
    ShapesGenerator.generate(spec, dir);
    Files.writeString(dir.resolve("train/.DS_Store"), "x");
    ShapesGenerator.generate(spec, dir);
    Files.writeString(dir.resolve("train/red-circle/extra.png"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShapesGenerator.generate(spec, dir));
    assertTrue(e.getMessage().contains("extra.png"), e.getMessage());
  }

  private static Set<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
