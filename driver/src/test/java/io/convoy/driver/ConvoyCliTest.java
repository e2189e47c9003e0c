package io.convoy.driver;

import static io.convoy.driver.testing.ConvoyRun.copy;
import static io.convoy.driver.testing.ConvoyRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and messages of the command line, with real files and a real local Spark. */
class ConvoyCliTest {
  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 12, 4, 16, "png", 1), data);
  }

  @Test
  void helpSucceedsForEveryCommand() {
    for (String command : List.of("train", "generate", "import-idx", "demo", "model")) {
      ConvoyRun.Result r = run(command, "--help");
      assertEquals(0, r.status(), command);
      assertTrue(r.stdout().contains("Usage: convoy " + command), r.stdout());
    }
    assertEquals(0, run("--help").status());
  }

  @Test
  void asTheDriverInYarnsApplicationMasterMainReturnsOrThrowsInsteadOfExiting() {
    Properties am = new Properties();
    am.setProperty("spark.master", "yarn");
    am.setProperty("spark.submit.deployMode", "cluster");
    assertTrue(ConvoyMain.inYarnApplicationMaster(am));
    // Returns: had it called System.exit, this test JVM would be gone.
    ConvoyMain.end(0, am);
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> ConvoyMain.end(2, am));
    assertTrue(failed.getMessage().contains("status 2"), failed.getMessage());

    Properties client = new Properties();
    client.setProperty("spark.master", "yarn");
    client.setProperty("spark.submit.deployMode", "client");
    assertFalse(ConvoyMain.inYarnApplicationMaster(client));
    Properties standalone = new Properties();
    standalone.setProperty("spark.master", "spark://master:7077");
    standalone.setProperty("spark.submit.deployMode", "cluster");
    assertFalse(ConvoyMain.inYarnApplicationMaster(standalone));
    assertFalse(ConvoyMain.inYarnApplicationMaster(new Properties()));
  }

  @Test
  void missingOrUnknownCommandIsAUsageError() {
    ConvoyRun.Result none = run();
    assertEquals(2, none.status());
    assertTrue(none.stderr().contains("a command is required"), none.stderr());
    assertEquals(2, run("fly").status());
    ConvoyRun.Result badOption = run("train", "--bogus");
    assertEquals(2, badOption.status());
    assertTrue(badOption.stderr().contains("--bogus"), badOption.stderr());
  }

  @Test
  void badConfigurationIsExitTwoWithEveryProblemOnStderr() {
    ConvoyRun.Result r = run("train", "--set", "training.batch-size=0", "--set", "optimizer.name=adagrad");
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("training.batch-size: found 0"), r.stderr());
    assertTrue(r.stderr().contains("optimizer.name: found \"adagrad\""), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }

  @Test
  void missingDatasetIsExitTwoNamingThePath() {
    ConvoyRun.Result r = run("train", "--set", "data.train=" + out.resolve("nowhere"), "--out", out.toString(),
        "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("nowhere"), r.stderr());
  }

  @Test
  void classCountMismatchIsExitTwo() {
    ConvoyRun.Result r = run("train", "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "model.classes=5", "--set", "data.image-size=16", "--out", out.toString(), "--master", "local[1]");
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("model.classes: found 5"), r.stderr());
  }

  @Test
  void badGenerateOptionsAreExitTwo() {
    ConvoyRun.Result r = run("generate", "--format", "gif", "--out", out.toString());
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("--format gif"), r.stderr());
    assertEquals(2, run("generate", "--classes", "1000", "--out", out.toString()).status());
    assertEquals(2, run("generate").status());
  }

  @Test
  void trainingReportsUnusableFilesAndStillFinishes() throws Exception {
    Path train = out.resolve("train");
    copy(data.resolve("train"), train);
    Path junk = train.resolve(Files.list(train).sorted().findFirst().orElseThrow().getFileName()).resolve("notes.txt");
    Files.writeString(junk, "not an image");
    Path runDir = out.resolve("run");
    ConvoyRun.Result r = run("train", "--set", "data.train=" + train, "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.epochs=1", "--set", "training.batch-size=8",
        "--out", runDir.toString(), "--master", "local[2]");
    assertEquals(0, r.status(), r.stderr());
    String skipped = Files.readString(runDir.resolve("skipped.txt"));
    assertTrue(skipped.contains("notes.txt"), skipped);
    assertTrue(r.stdout().contains("skipped 1 files"), r.stdout());
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
    assertTrue(metrics.get(metrics.size() - 1).startsWith("{\"event\":\"final\""), metrics.toString());
    for (String name : List.of("model.zip", "labels.txt", "config.conf")) {
      assertTrue(Files.size(runDir.resolve(name)) > 0, name);
    }
  }

  @Test
  void modelSummaryPrintsCountsAndRejectsUnknownArchitectures() {
    ConvoyRun.Result r = run("model", "summary", "--arch", "lenet5", "--classes", "10", "--input", "32x32x1", "--json");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("\"arch\":\"lenet5\""), r.stdout());
    assertTrue(r.stdout().contains("\"params\":61706"), r.stdout());
    assertTrue(r.stdout().contains("\"flops\":"), r.stdout());

    ConvoyRun.Result table = run("model", "summary", "--arch", "resnet20", "--classes", "10", "--input", "32x32x3");
    assertEquals(0, table.status(), table.stderr());
    assertTrue(table.stdout().contains("total parameters: 269,722"), table.stdout());

    ConvoyRun.Result unknown = run("model", "summary", "--arch", "resnet7");
    assertEquals(2, unknown.status());
    assertTrue(unknown.stderr().contains("resnet7") && unknown.stderr().contains("resnet18"), unknown.stderr());
    assertFalse(unknown.stderr().contains("\tat "), unknown.stderr());
  }

  @Test
  void importIdxOfAMissingFileIsExitTwo() {
    ConvoyRun.Result r = run("import-idx", "--images", out.resolve("none").toString(), "--labels", out.resolve("none").toString(),
        "--out", out.resolve("digits").toString());
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("none: no such file"), r.stderr());
  }
}
