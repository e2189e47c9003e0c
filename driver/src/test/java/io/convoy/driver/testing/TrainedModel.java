package io.convoy.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small model trained for real, once per test JVM, for the tests of what comes after training
 * (evaluate, predict, report): 3 classes of generated 16-pixel shapes, 3 epochs on local[2], with
 * a random train pipeline.
 * Tests read it and never write into it.
 */
public final class TrainedModel {
  private static TrainedModel instance;

  public final Path data;
  public final Path run;
  public final ConvoyRun.Result training;
  /** The Spark jobs of the training run. */
  public final List<JobRecorder.Job> jobs;

  private TrainedModel(Path root) throws IOException {
    data = root.resolve("data");
    run = root.resolve("run");
    SyntheticDataset.generate(new ShapesSpec(3, 24, 8, 16, "png", 5), data);
    // SparkConf reads spark.* system properties: record the run's jobs as the Spark UI lists them.
    JobRecorder.JOBS.clear();
    System.setProperty("spark.extraListeners", JobRecorder.class.getName());
    try {
      training = ConvoyRun.run("train", "--set", "data.train=" + data.resolve("train"),
        "--set", "data.val=" + data.resolve("val"), "--set", "data.image-size=16", "--set", "training.epochs=3",
        "--set", "training.batch-size=8", "--set", "training.workers=2", "--out", run.toString(),
        "--master", "local[2]", "--set", "pipeline.train=[{op = random-crop, padding = 2}, mirror, normalize]");
    } finally {
      System.clearProperty("spark.extraListeners");
    }
    jobs = List.copyOf(JobRecorder.JOBS);
    assertEquals(0, training.status(), training.stderr());
  }

  private static void delete(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is no reason to fail a finished test run.
    }
  }

  public static synchronized TrainedModel get() {
    if (instance == null) {
      try {
        Path root = Files.createTempDirectory("convoy-trained-model");
        // Shared by several test classes, so no @TempDir: removed when the test JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        instance = new TrainedModel(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }
}
