package io.convoy.pipeline.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.dataset.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack format on a real (local) Hadoop file system: SequenceFile records, keys and index. */
class PackFormatTest {
  @TempDir Path dir;
  private final Configuration hadoop = new Configuration();

  @Test
  void recordsReadBackByteIdenticalInOrder() throws Exception {
    Random random = new Random(1);
    List<byte[]> written = new ArrayList<>();
    List<PackKey> keys = new ArrayList<>();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.toUri().toString(), PackedDataset.shardFile(0));
    try (PackWriter writer = new PackWriter(file, hadoop)) {
      for (int i = 0; i < 20; i++) {
        byte[] bytes = new byte[random.nextInt(5000)];
        random.nextBytes(bytes);
        PackKey key = new PackKey("class " + (i % 3) + "/img\t" + i + ".jpg", i % 3);
        writer.append(key, bytes);
        written.add(bytes);
        keys.add(key);
      }
    }
    List<byte[]> read = new ArrayList<>();
    List<PackKey> readKeys = new ArrayList<>();
    PackReader.read(file, hadoop, (k, b) -> {
      readKeys.add(k);
      read.add(b);
    });
    assertEquals(keys, readKeys);
    for (int i = 0; i < written.size(); i++) {
      assertArrayEquals(written.get(i), read.get(i), "record " + i);
    }
  }

  @Test
  void keysEncodeRelativePathAndLabel() {
    PackKey key = PackKey.decode("dog/a\tb.png\t7");
    assertEquals(new PackKey("dog/a\tb.png", 7), key);
    assertEquals("dog/a\tb.png\t7", key.encode());
    assertThrows(IllegalArgumentException.class, () -> PackKey.decode("dog/a.png"));
    assertThrows(IllegalArgumentException.class, () -> PackKey.decode("dog/a.png\tx"));
    for (String bad : List.of("../a.png\t0", "dog/..\t0", "a.png\t0", "dog/sub/a.png\t0", "/a.png\t0", "dog/\t0")) {
      assertThrows(IllegalArgumentException.class, () -> PackKey.decode(bad), bad);
    }
  }

  @Test
  void indexRoundTripsThroughJsonAndTheCatalogListsVirtualPaths() throws Exception {
    PixelStats pixels = new PixelStats();
    pixels.add(new io.convoy.pipeline.image.Image(1, 1, 3, new float[] {10, 20, 30}));
    pixels.add(new io.convoy.pipeline.image.Image(1, 1, 3, new float[] {200, 100, 0}));
    PackIndex index = new PackIndex("file:/data/train", List.of("cat", "dog"),
        List.of(new PackShard("part-00000.seq", 2, List.of(1L, 1L)), new PackShard("part-00001.seq", 1, List.of(0L, 1L))),
        pixels.summary(), 1);
    PackIndex back = PackIndex.fromJson(index.toJson(), "test");
    assertEquals(index, back);
    assertEquals(3, back.count());
    assertEquals(List.of(1L, 2L), back.classCounts());

    Files.writeString(dir.resolve(PackedDataset.INDEX), index.toJson());
    Files.writeString(dir.resolve(PackedDataset.KEYS), "dog/2.png\t1\ncat/1.png\t0\ndog/1.png\t1\n");
    Files.writeString(dir.resolve(PackedDataset.SKIPPED), "file:/data/train/cat/x.png\tempty file\n");
    String root = dir.toUri().toString();
    assertTrue(PackedDataset.isPack(root, hadoop));
    Catalog catalog = PackedDataset.catalog(root, hadoop);
    String q = catalog.root();
    assertEquals(List.of(new Sample(q + "/cat/1.png", 0), new Sample(q + "/dog/1.png", 1), new Sample(q + "/dog/2.png", 1)),
        catalog.samples());
    assertEquals("empty file", catalog.skipped().get(0).reason());
    assertEquals("dog/2.png", PackedDataset.relativePath(catalog.samples().get(2).path()));

    Files.writeString(dir.resolve(PackedDataset.KEYS), "cat/1.png\t0\n", StandardCharsets.UTF_8);
    DatasetException e = assertThrows(DatasetException.class, () -> PackedDataset.catalog(root, hadoop));
    assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    assertEquals(false, PackedDataset.isPack(dir.resolve("nowhere").toUri().toString(), hadoop));
  }

  @Test
  void unknownIndexFormatIsRefused() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> PackIndex.fromJson("{\"format\": \"other\", \"version\": 3}", "x/index.json"));
    assertTrue(e.getMessage().contains("convoy-pack"), e.getMessage());
  }
}
