package io.convoy.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.common.OutputDir;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.worker.ModelState;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail for real: a full disk ({@code /dev/full} answers every write with ENOSPC)
 * and a file system that refuses a rename. Each ends in one clear error naming the file, and
 * what was written before stays intact and usable.
 */
class OutputFailureTest {
  private static final Path DEV_FULL = Path.of("/dev/full");

  @TempDir Path dir;

  @Test
  void aFullDiskWhileSavingTheModelLeavesTheEarlierModel() throws Exception {
    OutputDir out = new OutputDir(dir.toString(), new Configuration());
    out.writeText("model.zip", "earlier");
    Files.createSymbolicLink(dir.resolve(".model.zip.tmp"), DEV_FULL);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> out.writeAtomically("model.zip", o -> o.write(new byte[1 << 20])));
    assertTrue(e.getMessage().startsWith("cannot write " + dir.resolve("model.zip")), e.getMessage());
    assertTrue(e.getMessage().contains("model.zip: No space left on device (disk full?); earlier outputs are unchanged"),
        e.getMessage());
    assertEquals("earlier", Files.readString(dir.resolve("model.zip")));
    assertFalse(Files.exists(dir.resolve(".model.zip.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "the partial file was left");
  }

  /**
   * A whole run whose final model.zip hits a full disk: exit status 1, one line naming the file,
   * no final event, and the checkpoints of its epochs still valid to resume from.
   */
  @Test
  void aRunThatCannotSaveItsModelFailsClearlyAndKeepsItsCheckpoints() throws Exception {
    Path data = dir.resolve("data");
    SyntheticDataset.generate(new ShapesSpec(3, 6, 2, 16, "png", 3), data);
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.createSymbolicLink(run.resolve(".model.zip.tmp"), DEV_FULL);
    ConvoyRun.Result r = ConvoyRun.run("train", "--out", run.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.workers=2", "--set", "training.batch-size=6",
        "--set", "training.epochs=1", "--set", "cluster.master=local[2]");
    assertEquals(1, r.status(), r.stderr());
    String line = r.stderr().lines().findFirst().orElseThrow();
    assertTrue(line.startsWith("convoy: error: cannot write ") && line.contains("/run/model.zip: No space left on device"),
        r.stderr());
    assertFalse(Files.exists(run.resolve("model.zip")));
    assertTrue(ConvoyRun.events(run).stream().noneMatch(e -> e.get("event").asText().equals("final")));
    CheckpointStore.Loaded newest = new CheckpointStore(run.resolve("checkpoints").toString(), new Configuration())
        .newestValid(w -> { throw new AssertionError(w); });
    assertNotNull(newest);
    assertEquals(1, Checkpoint.read(newest).progress().epoch);
  }

  /** The file system refuses to rename the new checkpoint into place: clear error, earlier ones stay valid. */
  @Test
  void aCheckpointThatCannotBeCompletedLeavesTheEarlierOnesValid() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("ckpt").toString(), new Configuration());
    String first = store.write(files("one"), 3);
    Files.writeString(dir.resolve("ckpt/ckpt-000002"), "in the way"); // a file where the new folder must go
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.write(files("two"), 3));
    assertTrue(e.getMessage().startsWith("cannot write a checkpoint in "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(earlier checkpoints are unchanged)"), e.getMessage());
    try (Stream<Path> left = Files.list(dir.resolve("ckpt"))) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "a temporary folder was left");
    }
    List<String> warnings = new ArrayList<>();
    CheckpointStore.Loaded newest = store.newestValid(warnings::add);
    assertEquals(first, newest.uri());
    assertEquals("one", new String(newest.read("note"), StandardCharsets.UTF_8));
  }

  /** Every way a checkpoint can be damaged is caught by its manifest, newest first. */
  @Test
  void damagedCheckpointsAreSkippedWithAWarningEach() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("ckpt").toString(), new Configuration());
    String good = store.write(files("good"), 10);
    Path noEnd = Path.of(java.net.URI.create(store.write(files("no end"), 10)));
    Path flipped = Path.of(java.net.URI.create(store.write(files("flipped"), 10)));
    Path missing = Path.of(java.net.URI.create(store.write(files("missing"), 10)));
    Path noManifest = Path.of(java.net.URI.create(store.write(files("no manifest"), 10)));
    String manifest = Files.readString(noEnd.resolve("MANIFEST"));
    Files.writeString(noEnd.resolve("MANIFEST"), manifest.substring(0, manifest.length() - 4));
    byte[] bytes = Files.readAllBytes(flipped.resolve("note"));
    bytes[0] ^= 1;
    Files.write(flipped.resolve("note"), bytes);
    Files.delete(missing.resolve("note"));
    Files.delete(noManifest.resolve("MANIFEST"));
    Files.createDirectories(dir.resolve("ckpt/.ckpt-000009.tmp")); // a crash while writing
    List<String> warnings = new ArrayList<>();
    assertEquals(good, store.newestValid(warnings::add).uri());
    assertEquals(4, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("(no MANIFEST)"), warnings.get(0));
    assertTrue(warnings.get(1).contains("note is missing"), warnings.get(1));
    assertTrue(warnings.get(2).contains("note does not match its SHA-256"), warnings.get(2));
    assertTrue(warnings.get(3).contains("MANIFEST is incomplete"), warnings.get(3));
  }

  private static Map<String, OutputDir.Writer> files(String note) {
    Map<String, OutputDir.Writer> files = Checkpoint.files(new RunProgress(),
        new ModelState(new float[] {1, 2}, new float[0]), "training.epochs = 1", "abc", new byte[0], null);
    files.put("note", o -> o.write(note.getBytes(StandardCharsets.UTF_8)));
    return files;
  }
}
