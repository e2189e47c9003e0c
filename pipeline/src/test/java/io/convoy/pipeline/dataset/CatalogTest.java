package io.convoy.pipeline.dataset;

import io.convoy.pipeline.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  /** A stand-in PNG for listing tests: the signature and the IEND chunk the scan checks, nothing to decode. */
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
      0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
  private static final Configuration HADOOP = new Configuration();

  @TempDir Path dir;

  @Test
  void classesAreSortedFolderNamesAndLabelsTheirIndexes() throws Exception {
    Path root = dir.resolve("train");
    for (String cls : List.of("zebra", "ant", "Moose")) {
      TestImages.writePng(root.resolve(cls).resolve("b.png"));
      TestImages.writePng(root.resolve(cls).resolve("a.png"));
    }
    Catalog c = Catalog.scan(root.toString(), HADOOP);
    assertEquals(List.of("Moose", "ant", "zebra"), c.classes()); // plain String order
    assertEquals(6, c.samples().size());
    String base = root.toUri().toString().replace("file:///", "file:/");
    assertEquals(new Sample(base + "Moose/a.png", 0), c.samples().get(0));
    assertEquals(new Sample(base + "Moose/b.png", 0), c.samples().get(1));
    assertEquals(new Sample(base + "ant/a.png", 1), c.samples().get(2));
    assertEquals(new Sample(base + "zebra/b.png", 2), c.samples().get(5));
    assertEquals(List.of(), c.skipped());
    assertEquals("Moose\nant\nzebra\n", c.labelsText());
    assertEquals(c, Catalog.scan(root.toUri().toString(), HADOOP), "a file: URI lists the same");
  }

  @Test
  void everyUnusableFileIsListedWithItsReason() throws Exception {
    Path root = dir.resolve("train");
    Path cat = root.resolve("cat");
    TestImages.writePng(cat.resolve("ok.png"));
    TestImages.write(cat.resolve("UPPER.JPG"), TestImages.encode(TestImages.rgb(2, 2, 1, 2, 3), "jpeg"));
    TestImages.write(cat.resolve("photo.bmp"), TestImages.encode(TestImages.rgb(2, 2, 1, 2, 3), "bmp"));
    // Content wins over the name, as ImageNet holds PNGs named .JPEG.
    TestImages.write(cat.resolve("really-a-png.jpeg"), TestImages.encode(TestImages.rgb(2, 2, 1, 2, 3), "png"));
    TestImages.write(cat.resolve("notes.txt"), "hello".getBytes(StandardCharsets.UTF_8));
    TestImages.write(cat.resolve("README"), "hello".getBytes(StandardCharsets.UTF_8));
    TestImages.write(cat.resolve("empty.png"), new byte[0]);
    TestImages.write(cat.resolve("fake.png"), "not a png at all".getBytes(StandardCharsets.UTF_8));
    TestImages.write(cat.resolve("short.png"), new byte[] {(byte) 0x89, 'P'});
    TestImages.writePng(cat.resolve("nested").resolve("deep.png"));
    TestImages.write(cat.resolve(".DS_Store"), new byte[] {1});
    TestImages.write(root.resolve("_SUCCESS"), new byte[0]);
    TestImages.writePng(root.resolve(".hidden").resolve("x.png"));
    TestImages.writePng(root.resolve("stray.png"));

    Catalog c = Catalog.scan(root.toString(), HADOOP);
    assertEquals(List.of("cat"), c.classes());
    assertEquals(List.of("UPPER.JPG", "ok.png", "photo.bmp", "really-a-png.jpeg"),
        c.samples().stream().map(s -> s.path().substring(s.path().lastIndexOf('/') + 1)).toList());
    Map<String, String> reasons = c.skipped().stream().collect(Collectors.toMap(
        s -> s.path().substring(s.path().indexOf("/train/") + 7), SkippedFile::reason));
    assertEquals(7, reasons.size(), reasons.toString());
    assertTrue(reasons.get("cat/notes.txt").startsWith("not an image: extension .txt"), reasons.toString());
    assertTrue(reasons.get("cat/README").startsWith("not an image: no extension"), reasons.toString());
    assertEquals("empty file", reasons.get("cat/empty.png"));
    assertEquals("not an image: content does not match .png", reasons.get("cat/fake.png"));
    assertEquals("not an image: content does not match .png", reasons.get("cat/short.png"));
    assertTrue(reasons.get("cat/nested").startsWith("a folder inside a class folder"), reasons.toString());
    assertTrue(reasons.get("stray.png").startsWith("not in a class folder"), reasons.toString());
    assertTrue(c.skipped().stream().allMatch(s -> s.path().startsWith("file:/")));
  }

  /**
   * Files are checked on several threads (CHECK_THREADS), in chunks; the catalog is still the files in
   * listing order, each unusable one skipped in that order with its own reason, whichever chunk and
   * thread checked it.
   */
  @Test
  void aLargeFolderIsCheckedInParallelAndListedInOrder() throws Exception {
    Path root = dir.resolve("train");
    List<String> expectedSkipped = new java.util.ArrayList<>();
    int usable = 0;
    for (String cls : List.of("a", "b", "c")) {
      for (int i = 0; i < 300; i++) {
        String name = String.format("%04d.png", i);
        Path file = root.resolve(cls).resolve(name);
        if (i % 37 == 5) {
          TestImages.write(file, "not a png".getBytes(StandardCharsets.UTF_8));
          expectedSkipped.add(cls + "/" + name + ": not an image: content does not match .png");
        } else if (i % 53 == 7) {
          TestImages.write(file, new byte[0]);
          expectedSkipped.add(cls + "/" + name + ": empty file");
        } else {
          TestImages.write(file, PNG_MAGIC);
          usable++;
        }
      }
    }
    Catalog c = Catalog.scan(root.toString(), HADOOP); // 900 files: 15 chunks of 64 over the threads
    assertEquals(usable, c.samples().size());
    assertEquals(expectedSkipped, c.skipped().stream()
        .map(s -> s.path().substring(s.path().indexOf("/train/") + 7) + ": " + s.reason()).toList());
    assertEquals(List.of(0, 1, 2), c.samples().stream().map(Sample::label).distinct().toList());
    assertEquals(c, Catalog.scan(root.toString(), HADOOP));
  }

  @Test
  void emptyClassFolderIsAnError() throws Exception {
    Path root = dir.resolve("train");
    TestImages.writePng(root.resolve("cat").resolve("1.png"));
    Files.createDirectories(root.resolve("dog"));
    DatasetException e = assertThrows(DatasetException.class, () -> Catalog.scan(root.toString(), HADOOP));
    assertTrue(e.getMessage().startsWith("class folder file:" + root.resolve("dog") + " is empty: every class "
        + "needs at least one image (.jpg, .jpeg, .png, .bmp)"), e.getMessage());
  }

  @Test
  void classFolderWithoutUsableImageIsAnErrorThatSaysWhy() throws Exception {
    Path root = dir.resolve("train");
    TestImages.writePng(root.resolve("cat").resolve("1.png"));
    TestImages.write(root.resolve("dog").resolve("dog.txt"), new byte[] {1});
    DatasetException e = assertThrows(DatasetException.class, () -> Catalog.scan(root.toString(), HADOOP));
    assertTrue(e.getMessage().contains("class folder file:" + root.resolve("dog") + " has no usable image"),
        e.getMessage());
    assertTrue(e.getMessage().contains("dog.txt: not an image: extension .txt"), e.getMessage());
  }

  @Test
  void missingRootFileRootAndRootWithoutClassesAreErrors() throws Exception {
    Path missing = dir.resolve("nowhere");
    DatasetException e = assertThrows(DatasetException.class, () -> Catalog.scan(missing.toString(), HADOOP));
    assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("<class>/<image>"), e.getMessage());

    Path file = dir.resolve("file.png");
    TestImages.writePng(file);
    e = assertThrows(DatasetException.class, () -> Catalog.scan(file.toString(), HADOOP));
    assertTrue(e.getMessage().contains(file + " is a file"), e.getMessage());

    Path flat = dir.resolve("flat");
    TestImages.writePng(flat.resolve("1.png"));
    e = assertThrows(DatasetException.class, () -> Catalog.scan(flat.toString(), HADOOP));
    assertTrue(e.getMessage().contains("has no class folders"), e.getMessage());

    e = assertThrows(DatasetException.class, () -> Catalog.scan("nope://host/data", HADOOP));
    assertTrue(e.getMessage().contains("nope://host/data"), e.getMessage());
  }

  @Test
  void hashSplitIsDeterministicDisjointAndKeepsClasses() throws Exception {
    Path root = magicOnlyDataset("train", List.of("a", "b", "c"), 100);
    TestImages.write(root.resolve("a").resolve("junk.txt"), new byte[] {1});
    Catalog all = Catalog.scan(root.toString(), HADOOP);
    CatalogSplit split = all.split(0.2, 7);

    assertEquals(split, all.split(0.2, 7));
    assertNotEquals(split.val().samples(), all.split(0.2, 8).val().samples());
    Set<Sample> train = new HashSet<>(split.train().samples());
    Set<Sample> val = new HashSet<>(split.val().samples());
    assertTrue(train.stream().noneMatch(val::contains));
    assertEquals(all.samples().size(), train.size() + val.size());
    assertTrue(val.size() > 30 && val.size() < 90, "about 20% of 300, found " + val.size());
    assertEquals(all.classes(), split.train().classes());
    assertEquals(all.classes(), split.val().classes());
    assertEquals(all.skipped(), split.train().skipped());
    assertEquals(List.of(), split.val().skipped());
    assertEquals(0, all.split(0, 7).val().samples().size());
  }

  @Test
  void hashSplitIsStableWhenFilesAreAddedOrTheDatasetMoves() throws Exception {
    Path root = magicOnlyDataset("train", List.of("a", "b"), 50);
    CatalogSplit before = Catalog.scan(root.toString(), HADOOP).split(0.3, 1);
    for (int i = 0; i < 20; i++) {
      TestImages.write(root.resolve("b").resolve("new" + i + ".png"), PNG_MAGIC);
    }
    CatalogSplit after = Catalog.scan(root.toString(), HADOOP).split(0.3, 1);
    assertTrue(after.val().samples().containsAll(before.val().samples()));
    assertTrue(after.train().samples().containsAll(before.train().samples()));

    Path moved = magicOnlyDataset("elsewhere", List.of("a", "b"), 50);
    CatalogSplit copy = Catalog.scan(moved.toString(), HADOOP).split(0.3, 1);
    assertEquals(names(before.val()), names(copy.val()));
  }

  @Test
  void validationWithOtherClassesIsAnErrorNamingTheDifference() throws Exception {
    Catalog train = Catalog.scan(magicOnlyDataset("train", List.of("a", "b", "c"), 1).toString(), HADOOP);
    Catalog val = Catalog.scan(magicOnlyDataset("val", List.of("b", "c", "d"), 1).toString(), HADOOP);
    train.requireSameClasses(Catalog.scan(magicOnlyDataset("val2", List.of("a", "b", "c"), 2).toString(), HADOOP));
    DatasetException e = assertThrows(DatasetException.class, () -> train.requireSameClasses(val));
    assertTrue(e.getMessage().contains("missing [a]"), e.getMessage());
    assertTrue(e.getMessage().contains("extra [d]"), e.getMessage());
    assertTrue(e.getMessage().contains(val.root()), e.getMessage());
  }

  @Test
  void catalogIsSerializableAndImmutable() throws Exception {
    Catalog c = Catalog.scan(magicOnlyDataset("train", List.of("a", "b"), 3).toString(), HADOOP);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(c, in.readObject());
    }
    assertThrows(UnsupportedOperationException.class, () -> c.samples().add(new Sample("x", 0)));
  }

  /** Files that only carry the PNG signature: enough for the catalog, which reads 8 bytes. */
  private Path magicOnlyDataset(String name, List<String> classes, int perClass) {
    Path root = dir.resolve(name);
    for (String cls : classes) {
      for (int i = 0; i < perClass; i++) {
        TestImages.write(root.resolve(cls).resolve(i + ".png"), PNG_MAGIC);
      }
    }
    return root;
  }

  private static List<String> names(Catalog c) {
    return c.samples().stream().map(s -> c.classes().get(s.label()) + "/"
        + s.path().substring(s.path().lastIndexOf('/') + 1)).toList();
  }
}
