package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OpSpec;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.codec.FallbackDecoder;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.pipeline.pack.PackIndex;
import io.convoy.pipeline.pack.PackReader;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.pipeline.pack.PixelStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convoy pack} on real images with a real local Spark, and training from the packs. */
class PackCommandTest {
  @TempDir static Path data;
  @TempDir static Path packs;
  @TempDir Path out;

  @BeforeAll
  static void packBoth() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 14, 4, 16, "png", 3), data);
    for (String part : List.of("train", "val")) {
      ConvoyRun.Result r = ConvoyRun.run("pack", "--data", data.resolve(part).toString(),
          "--out", packs.resolve(part).toString(), "--shards", "3", "--master", "local[2]");
      assertEquals(0, r.status(), r.stderr());
      assertTrue(r.stdout().contains("into 3 shards"), r.stdout());
    }
  }

  @Test
  void packReadsBackByteIdenticalWithCountsAndStatisticsOfTheImages() throws Exception {
    Configuration hadoop = new Configuration();
    Map<String, byte[]> packed = new HashMap<>();
    Path pack = packs.resolve("train");
    try (Stream<Path> files = Files.list(pack)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".seq")).toList()) {
        PackReader.read(new org.apache.hadoop.fs.Path(f.toUri()), hadoop, (k, b) -> packed.put(k.path(), b));
      }
    }
    PackIndex index = PackedDataset.index(pack.toUri().toString(), hadoop);
    List<String> classes = index.classes();
    PixelStats expected = new PixelStats();
    FallbackDecoder decoder = new FallbackDecoder();
    int files = 0;
    for (int label = 0; label < classes.size(); label++) {
      long inClass = 0;
      try (Stream<Path> images = Files.list(data.resolve("train").resolve(classes.get(label)))) {
        for (Path image : images.sorted().toList()) {
          byte[] original = Files.readAllBytes(image);
          String key = classes.get(label) + "/" + image.getFileName();
          assertArrayEquals(original, packed.get(key), key);
          expected.add(decoder.decode(original, 3));
          inClass++;
          files++;
        }
      }
      assertEquals(inClass, index.classCounts().get(label), classes.get(label));
    }
    assertEquals(files, packed.size());
    assertEquals(files, index.count());
    assertEquals(3, index.shards().size());
    for (var shard : index.shards()) {
      // Class-balanced: every shard holds a third of each class, give or take one.
      for (int label = 0; label < classes.size(); label++) {
        assertTrue(Math.abs(shard.classCounts().get(label) * 3 - index.classCounts().get(label)) <= 3, shard.toString());
      }
    }
    assertEquals(expected.summary(), index.stats());
    assertEquals(String.join("\n", classes) + "\n", Files.readString(pack.resolve(PackedDataset.LABELS)));
  }

  @Test
  void trainingFromPacksMatchesTrainingFromTheFolders() throws Exception {
    JsonNode fromFolders = train(out.resolve("folders"), data.resolve("train"), data.resolve("val"));
    JsonNode fromPacks = train(out.resolve("packs"), packs.resolve("train"), packs.resolve("val"));
    // Same bytes, same sample ids, same shards: the same run, to the last bit.
    for (String field : List.of("val_loss", "val_top1", "val_top5")) {
      assertEquals(fromFolders.get(field).asDouble(), fromPacks.get(field).asDouble(), field);
    }
    assertEquals(fromFolders.get("confusion"), fromPacks.get("confusion"));
  }

  /**
   * Trained from a pack with {@code stats = dataset}, the run's outputs (config.conf, model.zip,
   * checkpoints) hold the pack's numbers, so evaluate and predict work from the run or from a
   * checkpoint with no pack in sight.
   */
  @Test
  void normalizeAndLightingTakeTheirStatisticsFromThePack() throws Exception {
    Path run = out.resolve("stats");
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + packs.resolve("train"),
        "--set", "data.val-fraction=0.25", "--set", "data.image-size=16", "--set", "training.epochs=1",
        "--set", "training.batch-size=8", "--set",
        "pipeline.train=[resize, center-crop, {op = lighting, stats = dataset}, {op = normalize, stats = dataset}]",
        "--set", "pipeline.eval=[resize, center-crop, {op = normalize, stats = dataset}]",
        "--out", run.toString(), "--master", "local[2]");
    assertEquals(0, r.status(), r.stderr());
    PackIndex index = PackedDataset.index(packs.resolve("train").toUri().toString(), new Configuration());
    // The run's config.conf holds the numbers it used, so it re-runs without the pack's index.
    ConvoyConfig used = ConfigLoader.load(run.resolve("config.conf"), List.of());
    OpSpec lighting = used.pipeline().train().get(2);
    OpSpec normalize = used.pipeline().train().get(3);
    assertFalse(normalize.datasetStats());
    assertEquals(index.stats().mean(3), normalize.vector("mean", List.of()));
    assertEquals(index.stats().std(3), normalize.vector("std", List.of()));
    assertEquals(index.stats().std(3), used.pipeline().eval().get(2).vector("std", List.of()));
    assertEquals(java.util.Arrays.stream(index.stats().eigval()).boxed().toList(), lighting.vector("eigval", List.of()));
    assertEquals(9, lighting.vector("eigvec", List.of()).size());
    JsonNode start = new ObjectMapper().readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(0));
    int held = start.get("val_images").asInt();
    assertTrue(held > 0 && held < index.count(), start.toString());
    assertEquals(index.count(), start.get("train_images").asInt() + held);

    // The model.zip of the run and of its checkpoint hold the resolved numbers too: evaluate and
    // predict use them without the pack, and agree with each other.
    Path checkpoint = run.resolve("checkpoints").resolve("ckpt-000001");
    assertTrue(Files.isDirectory(checkpoint), "no checkpoint after epoch 1 in " + run);
    String image;
    try (Stream<Path> files = Files.walk(data.resolve("val"))) {
      image = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow().toString();
    }
    List<String> predictions = new java.util.ArrayList<>();
    for (Path model : List.of(run, checkpoint)) {
      ConvoyRun.Result eval = ConvoyRun.run("evaluate", "--model", model.toString(),
          "--data", data.resolve("val").toString(), "--json", "--master", "local[2]");
      assertEquals(0, eval.status(), model + ": " + eval.stderr());
      assertEquals(data.resolve("val").toFile().list().length * 4,
          new ObjectMapper().readTree(eval.stdout()).get("images").asInt());
      ConvoyRun.Result predict = ConvoyRun.run("predict", "--model", model.toString(), image);
      assertEquals(0, predict.status(), model + ": " + predict.stderr());
      predictions.add(predict.stdout());
    }
    assertEquals(predictions.get(0), predictions.get(1), "the run and its last checkpoint predict alike");
  }

  @Test
  void datasetStatisticsWithoutAPackIsAConfigurationError() {
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + data.resolve("train"),
        "--set", "data.val=" + data.resolve("val"), "--set", "data.image-size=16",
        "--set", "pipeline.train=[resize, center-crop, {op = normalize, stats = dataset}]",
        "--out", out.toString(), "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("pipeline.train[2].stats"), r.stderr());
    assertTrue(r.stderr().contains("not a pack"), r.stderr());
  }

  @Test
  void packIntoAFolderThatHoldsFilesIsAUsageError() throws Exception {
    Files.writeString(out.resolve("keep.txt"), "mine");
    ConvoyRun.Result r = ConvoyRun.run("pack", "--data", data.resolve("train").toString(),
        "--out", out.toString(), "--shards", "2", "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("not an empty folder"), r.stderr());
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void aPackMissingAShardFileIsExitTwoSayingItIsIncomplete() throws Exception {
    Path broken = out.resolve("broken");
    Files.createDirectories(broken);
    try (Stream<Path> files = Files.list(packs.resolve("train"))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(PackedDataset.shardFile(1))) {
          Files.copy(f, broken.resolve(f.getFileName()));
        }
      }
    }
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + broken,
        "--set", "data.val=" + packs.resolve("val"), "--set", "data.image-size=16",
        "--out", out.resolve("run").toString(), "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("incomplete"), r.stderr());
  }

  private static JsonNode train(Path run, Path train, Path val) throws Exception {
    ConvoyRun.Result r = ConvoyRun.run("train", "--set", "data.train=" + train, "--set", "data.val=" + val,
        "--set", "data.image-size=16", "--set", "training.epochs=1", "--set", "training.batch-size=8",
        "--set", "pipeline.train=[{op = random-crop, padding = 2}, mirror, normalize]",
        "--out", run.toString(), "--master", "local[2]");
    assertEquals(0, r.status(), r.stderr());
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals("final", last.get("event").asText());
    return last;
  }
}
