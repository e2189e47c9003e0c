package io.convoy.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.testing.ConvoyRun;
import io.convoy.driver.testing.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convoy report} rebuilds report.html from a run's outputs, with or without its training images. */
class ReportCommandTest {
  @TempDir Path dir;

  private Path copyOfRun() throws Exception {
    TrainedModel model = TrainedModel.get();
    Path copy = dir.resolve("run");
    Files.createDirectories(copy);
    for (String name : List.of("metrics.jsonl", "config.conf", "labels.txt", "model.zip")) {
      Files.copy(model.run.resolve(name), copy.resolve(name));
    }
    return copy;
  }

  private static int images(String html) {
    return html.split("<img ", -1).length - 1;
  }

  @Test
  void rebuildsTheSameSectionsAsTheRunWrote() throws Exception {
    Path copy = copyOfRun();
    ConvoyRun.Result r = ConvoyRun.run("report", "--run", copy.toString());
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("report in "), r.stdout());
    String rebuilt = Files.readString(copy.resolve("report.html"));
    String original = Files.readString(TrainedModel.get().run.resolve("report.html"));
    assertEquals(images(original), images(rebuilt));
    assertEquals(7, images(rebuilt));
  }

  @Test
  void withoutTheTrainingImagesTheReportLacksOnlyTheSamples() throws Exception {
    Path copy = copyOfRun();
    String config = Files.readString(copy.resolve("config.conf"));
    String train = TrainedModel.get().data.resolve("train").toString();
    assertTrue(config.contains(train), config);
    Files.writeString(copy.resolve("config.conf"), config.replace(train, dir.resolve("gone").toString()));
    ConvoyRun.Result r = ConvoyRun.run("report", "--run", copy.toString());
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("no augmented samples in the report"), r.stdout());
    String html = Files.readString(copy.resolve("report.html"));
    assertEquals(6, images(html));
    assertTrue(html.contains("No training image could be read."));
  }

  @Test
  void aFolderThatIsNoRunIsAUsageError() {
    ConvoyRun.Result r = ConvoyRun.run("report", "--run", dir.toString());
    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("no metrics.jsonl there"), r.stderr());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }
}
