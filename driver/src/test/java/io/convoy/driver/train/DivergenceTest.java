package io.convoy.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose loss becomes NaN or infinite stops at that round with exit status 1 and one clear
 * line, writes no model.zip, and leaves only finite checkpoints (the last one before the
 * divergence), from which a run with a lower learning rate can resume.
 */
class DivergenceTest {
  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 10, 3, 16, "png", 5), data);
  }

  @Test
  void aDivergingRunStopsAtTheRoundItDivergesAndSavesNoNaNModel() throws Exception {
    Path run = out.resolve("run");
    ConvoyRun.Result r = ConvoyRun.run("train", "--out", run.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.workers=2", "--set", "training.batch-size=6",
        "--set", "training.epochs=5", "--set", "training.averaging.frequency=1", "--set", "optimizer.name=sgd",
        "--set", "optimizer.lr=10", "--set", "optimizer.weight-decay=0", "--set", "cluster.master=local[2]",
        "--set", "checkpoint.every-rounds=1");
    assertEquals(1, r.status(), r.stderr());
    List<JsonNode> rounds = ConvoyRun.events(run).stream().filter(e -> e.get("event").asText().equals("round"))
        .toList();
    JsonNode last = rounds.get(rounds.size() - 1);
    int diverged = last.get("round").asInt();
    assertFalse(Double.isFinite(loss(last)), "the run went on after a finite round: " + last);
    for (JsonNode round : rounds.subList(0, rounds.size() - 1)) {
      assertTrue(Double.isFinite(loss(round)), "a non-finite loss went unnoticed: " + round);
    }
    String line = r.stderr().lines().findFirst().orElseThrow();
    assertTrue(line.matches("convoy: error: training loss became (NaN|-?Infinity) by round " + diverged + ": .*"),
        r.stderr());
    assertFalse(Files.exists(run.resolve("model.zip")), "a diverged run saved a model");
    int newest = -1;
    try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
      for (Path checkpoint : checkpoints.filter(p -> p.getFileName().toString().startsWith("ckpt-")).toList()) {
        JsonNode progress = new ObjectMapper().readTree(checkpoint.resolve("progress.json").toFile());
        assertTrue(progress.get("rounds").asInt() < diverged, "checkpoint of a diverged round: " + checkpoint);
        newest = Math.max(newest, progress.get("rounds").asInt());
      }
    }
    // checkpoint.every-rounds = 1: the round before the divergence is checkpointed.
    assertEquals(diverged - 1, newest, "the newest checkpoint is not of the last finite round");
  }

  /**
   * With checkpoint.rollbacks, the same diverging run goes back to a checkpoint (the newest, then
   * older ones: here after epoch 1, then the initial one) at a hundredth of the rate each time,
   * finishes, and saves a finite model; after each rollback event the rounds go on from the
   * checkpoint's.
   */
  @Test
  void aDivergingRunRollsBackToItsCheckpointAtALowerRateAndFinishes() throws Exception {
    Path run = out.resolve("rollback");
    ConvoyRun.Result r = ConvoyRun.run("train", "--out", run.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.workers=2", "--set", "training.batch-size=6",
        "--set", "training.epochs=2", "--set", "training.averaging.frequency=1", "--set", "optimizer.name=sgd",
        "--set", "optimizer.lr=10", "--set", "optimizer.weight-decay=0", "--set", "cluster.master=local[2]",
        "--set", "checkpoint.rollbacks=3", "--set", "checkpoint.rollback-lr-factor=0.01");
    assertEquals(0, r.status(), r.stderr() + r.stdout());
    List<JsonNode> events = ConvoyRun.events(run);
    int rollbacks = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).get("event").asText().equals("rollback")) {
        rollbacks++;
        int back = events.get(i).get("round").asInt();
        JsonNode next = events.subList(i + 1, events.size()).stream()
            .filter(e -> e.get("event").asText().equals("round")).findFirst().orElseThrow();
        assertEquals(back + 1, next.get("round").asInt(), "after " + events.get(i));
      }
    }
    assertTrue(rollbacks >= 1, "no rollback: " + r.stdout());
    assertTrue(r.stdout().contains("going back to"), r.stdout());
    JsonNode last = events.get(events.size() - 1);
    assertEquals("final", last.get("event").asText());
    assertEquals(6, last.get("rounds").asInt());
    float[] params = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
        run.resolve("model.zip").toFile(), false).params().toFloatVector();
    for (float p : params) {
      assertTrue(Float.isFinite(p));
    }
  }

  private static double loss(JsonNode round) {
    JsonNode loss = round.get("loss");
    return loss.isNumber() ? loss.asDouble() : Double.parseDouble(loss.asText());
  }
}
