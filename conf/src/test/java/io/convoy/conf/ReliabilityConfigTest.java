package io.convoy.conf;

import io.convoy.conf.settings.ConfigDiff;
import io.convoy.conf.settings.ConfigRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint and skip-budget keys, comparing configurations, and hostile job files. */
class ReliabilityConfigTest {
  @TempDir Path dir;

  @Test
  void checkpointAndSkipDefaultsAreDocumentedValues() {
    ConvoyConfig c = ConfigLoader.defaults();
    assertNull(c.checkpoint().dir());
    assertEquals("runs/latest/checkpoints", c.checkpoint().resolvedDir(c.output().dir()));
    assertEquals(0, c.checkpoint().everyRounds());
    assertEquals(1, c.checkpoint().everyEpochs());
    assertEquals(3, c.checkpoint().keep());
    assertTrue(c.checkpoint().modelZip());
    assertEquals(0, c.checkpoint().rollbacks());
    assertEquals(0.1, c.checkpoint().rollbackLrFactor());
    assertEquals(100, c.data().maxSkipped());
    ConvoyConfig set = ConfigLoader.load(null, List.of("checkpoint.dir=hdfs://nn:8020/ckpt", "checkpoint.keep=1",
        "checkpoint.every-rounds=50", "checkpoint.every-epochs=0", "data.max-skipped=0", "checkpoint.model-zip=false"));
    assertFalse(set.checkpoint().modelZip());
    assertEquals("hdfs://nn:8020/ckpt", set.checkpoint().resolvedDir("ignored"));
    assertEquals(50, set.checkpoint().everyRounds());
    assertTrue(set.checkpoint().enabled());
    assertEquals(0, set.data().maxSkipped());
    assertEquals(set, ConfigLoader.parse(ConfigRenderer.render(set)));
  }

  @Test
  void badCheckpointValuesAreAllReportedTogether() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(
        "checkpoint.keep=0", "checkpoint.every-rounds=-1", "checkpoint.every-epochs=1.5", "data.max-skipped=-3",
        "checkpoint.dir=\"\"", "checkpoint.model-zip=sometimes", "checkpoint.rollback-lr-factor=1")));
    Map<String, ConfigProblem> byKey = new java.util.HashMap<>();
    e.problems().forEach(p -> byKey.put(p.key(), p));
    assertEquals("0", byKey.get("checkpoint.keep").found());
    assertTrue(byKey.get("checkpoint.keep").allowed().contains("[1, 10000]"));
    assertEquals("-1", byKey.get("checkpoint.every-rounds").found());
    assertEquals("1.5", byKey.get("checkpoint.every-epochs").found());
    assertEquals("-3", byKey.get("data.max-skipped").found());
    assertTrue(byKey.containsKey("checkpoint.dir"), e.getMessage());
    assertTrue(byKey.get("checkpoint.model-zip").allowed().contains("true or false"));
    assertEquals("a multiplier in (0, 1)", byKey.get("checkpoint.rollback-lr-factor").allowed());
    assertEquals(7, e.problems().size(), e.getMessage());
  }

  @Test
  void diffNamesEveryChangedKeyWithBothValues() {
    ConvoyConfig a = ConfigLoader.defaults();
    ConvoyConfig b = ConfigLoader.load(null, List.of("model.arch=lenet", "training.epochs=9", "checkpoint.dir=x"));
    Map<String, ConfigDiff.Change> changes = ConfigDiff.between(a, b);
    assertEquals(List.of("checkpoint.dir", "model.arch", "training.epochs"), List.copyOf(changes.keySet()));
    assertEquals("null", changes.get("checkpoint.dir").before());
    assertEquals("\"lenet\"", changes.get("model.arch").after());
    assertEquals("5", changes.get("training.epochs").before());
    assertTrue(ConfigDiff.between(a, ConfigLoader.defaults()).isEmpty());
  }

  /** The HOCON parser recurses per level: deep nesting is refused before it can overflow the stack. */
  @Test
  void deeplyNestedJobFilesAreRefusedClearly() throws Exception {
    int depth = 100_000;
    String deep = "a = " + "{b = ".repeat(depth) + "1" + "}".repeat(depth);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write(deep), List.of()));
    assertTrue(e.getMessage().contains("nested 100000 levels deep, expected at most 64 levels"), e.getMessage());
    String lists = "pipeline.train = " + "[".repeat(depth) + "]".repeat(depth);
    assertThrows(ConfigException.class, () -> ConfigLoader.load(write(lists), List.of()));
    ConfigException set = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("pipeline.train=" + "[".repeat(depth) + "]".repeat(depth))));
    assertTrue(set.getMessage().contains("--set pipeline.train"), set.getMessage());
    // Braces inside strings and comments do not count.
    ConvoyConfig ok = ConfigLoader.load(write("# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n"
        + "output.dir = \"" + "{".repeat(100) + "\"\n"), List.of());
    assertEquals("{".repeat(100), ok.output().dir());
  }

  @Test
  void hugeJobFilesAreRefusedWithoutReadingThemWhole() throws Exception {
    Path huge = dir.resolve("huge.conf");
    byte[] line = "training.epochs = 3\n".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(huge)) {
      for (long written = 0; written <= ConfigLoader.MAX_CHARS * 4L; written += line.length) {
        out.write(line);
      }
    }
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(huge, List.of()));
    assertTrue(e.getMessage().contains("a job file of at most"), e.getMessage());
  }

  /** Random bytes, truncated files and binary junk end in a ConfigException, never anything else. */
  @Test
  void garbageJobFilesEndInAConfigException() throws Exception {
    String valid = ConfigRenderer.render(ConfigLoader.defaults());
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] bytes;
      if (i % 3 == 0) {
        bytes = valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
      } else if (i % 3 == 1) {
        bytes = valid.getBytes(StandardCharsets.UTF_8);
        for (int flips = 0; flips < 5; flips++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      } else {
        bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
      }
      Path file = dir.resolve("garbage" + i + ".conf");
      Files.write(file, bytes);
      try {
        ConfigLoader.load(file, List.of());
      } catch (ConfigException expected) {
        assertTrue(expected.getMessage().startsWith("invalid configuration"), expected.getMessage());
      }
    }
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(dir, "job", ".conf");
    Files.writeString(file, text);
    return file;
  }
}
