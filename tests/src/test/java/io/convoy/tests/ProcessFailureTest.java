package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes killed with SIGKILL while they train: the driver of a local run (then
 * {@code convoy train --resume}), and an executor JVM of a standalone cluster. Neither loses a
 * round, does one twice, or changes the result.
 */
class ProcessFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LocalCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * 2 workers x 5 minibatches an epoch, one round each, 2 epochs: 10 rounds, a checkpoint every
   * 2. The driver JVM is killed once round 3 is logged; the resumed run ends with every round
   * exactly once and the parameters of an uninterrupted run.
   */
  @Test
  void aDriverKilledMidEpochIsResumedWithNoRoundLostOrDoneTwice() throws Exception {
    cluster = new LocalCluster(dir);
    List<String> job = job(20, 2, List.of("training.averaging.frequency=1", "checkpoint.every-rounds=2"));
    Path uninterrupted = dir.resolve("uninterrupted");
    assertEquals(0, InProcessConvoy.run(train(uninterrupted, "local[2]", job)));

    Path killed = dir.resolve("killed");
    Process driver = cluster.convoy("driver", List.of(train(killed, "local[2]", job)));
    waitForRound(driver, "driver", killed, 3);
    driver.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no cleanup
    assertTrue(driver.waitFor(60, TimeUnit.SECONDS));
    List<JsonNode> atKill = events(killed);
    assertTrue(atKill.stream().noneMatch(e -> e.get("event").asText().equals("final")),
        "the run ended before it was killed");

    assertEquals(0, InProcessConvoy.run("train", "--resume", killed.resolve("checkpoints").toString()));
    assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), rounds(killed));
    assertEquals(1, events(killed).stream().filter(e -> e.get("event").asText().equals("resume")).count());
    float[] expected = ModelSerializer.restoreMultiLayerNetwork(uninterrupted.resolve("model.zip").toFile(), false)
        .params().toFloatVector();
    float[] actual = ModelSerializer.restoreMultiLayerNetwork(killed.resolve("model.zip").toFile(), false)
        .params().toFloatVector();
    assertClose(expected, actual);
  }

  /**
   * An executor JVM of a two-worker standalone cluster is killed mid-run: Spark reruns its
   * tasks (and re-reads its cached shard) on a new executor, the job finishes with every round
   * once, and it reaches the accuracy of the same job in local mode.
   */
  @Test
  @Tag("slow")
  void anExecutorKilledMidRoundIsReplacedAndTheRunMatchesLocalMode() throws Exception {
    cluster = new LocalCluster(dir);
    List<String> job = job(40, 3, List.of("training.averaging.frequency=2"));
    Path local = dir.resolve("local");
    assertEquals(0, InProcessConvoy.run(train(local, "local[2]", job)));

    cluster.startStandalone(2, "2g");
    Path out = dir.resolve("cluster");
    List<String> args = new ArrayList<>(List.of(train(out, "local[2]", job)));
    Process driver = cluster.submit("driver", args);
    waitForRound(driver, "driver", out, 2);
    List<ProcessHandle> executors = cluster.executors();
    assertEquals(2, executors.size(), "executors: " + executors);
    executors.get(0).destroyForcibly();
    assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "the run did not finish in 6 minutes:\n" + cluster.log("driver"));
    assertEquals(0, driver.exitValue(), cluster.log("driver"));
    assertTrue(cluster.log("driver").contains("Lost executor"), "no executor was lost:\n" + cluster.log("driver"));

    JsonNode start = events(out).get(0);
    assertTrue(start.get("master").asText().startsWith("spark://"), "not run on the cluster: " + start);
    List<Integer> rounds = rounds(out);
    assertEquals(IntStream.rangeClosed(1, rounds.size()).boxed().toList(), rounds);
    assertEquals(rounds(local), rounds);
    double localTop1 = StandaloneClusterTest.lastEvent(local).get("val_top1").asDouble();
    double clusterTop1 = StandaloneClusterTest.lastEvent(out).get("val_top1").asDouble();
    assertTrue(Math.abs(localTop1 - clusterTop1) <= 0.02, "local val top-1 " + localTop1 + ", cluster " + clusterTop1);
  }

  /** A shapes dataset of 3 classes and {@code perClass} training images each, as --set options. */
  private List<String> job(int perClass, int epochs, List<String> settings) throws IOException {
    Path data = dir.resolve("data");
    if (!Files.exists(data)) {
      assertEquals(0, InProcessConvoy.run("generate", "--classes", "3", "--per-class",
          String.valueOf(perClass), "--size", "16", "--out", data.toString()));
    }
    List<String> all = new ArrayList<>(List.of("data.train=" + data.resolve("train"), "data.val=" + data.resolve("val"),
        "data.image-size=16", "training.workers=2", "training.batch-size=6", "training.epochs=" + epochs));
    all.addAll(settings);
    List<String> options = new ArrayList<>();
    for (String s : all) {
      options.add("--set");
      options.add(s);
    }
    return options;
  }

  /** {@code train --out OUT --master MASTER <job>}; spark-submit's own --master wins over it. */
  private static String[] train(Path out, String master, List<String> job) {
    List<String> args = new ArrayList<>(List.of("train", "--out", out.toString(), "--master", master));
    args.addAll(job);
    return args.toArray(String[]::new);
  }

  private void waitForRound(Process p, String name, Path out, int round) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out.resolve("metrics.jsonl")) && rounds(out).stream().anyMatch(r -> r >= round)) {
        return;
      }
      assertTrue(p.isAlive(), name + " exited before round " + round + ":\n" + cluster.log(name));
      Thread.sleep(20);
    }
    throw new AssertionError(name + " did not reach round " + round + ":\n" + cluster.log(name));
  }

  private static List<JsonNode> events(Path out) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    try (Stream<String> lines = Files.lines(out.resolve("metrics.jsonl"))) {
      for (String line : lines.toList()) {
        if (line.endsWith("}")) { // a line being written when the process died may be cut short
          events.add(JSON.readTree(line));
        }
      }
    }
    return events;
  }

  private static List<Integer> rounds(Path out) throws IOException {
    return events(out).stream().filter(e -> e.get("event").asText().equals("round"))
        .map(e -> e.get("round").asInt()).toList();
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]) / Math.max(1e-3, Math.abs(expected[i])));
    }
    assertTrue(max <= 1e-5, "max relative difference " + max);
    assertFalse(Double.isNaN(max));
  }
}
