package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConfigLoader;
import io.convoy.driver.ConvoyMain;
import io.convoy.worker.replica.ReplicaCache;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, {@code convoy demo}, in local[2] with 2 workers, end to end. */
class DemoEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;

  @Test
  void demoLearnsTheShapesAndWritesEveryOutput() throws Exception {
    int builtBefore = ReplicaCache.built();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = ConvoyMain.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8),
        "demo", "--out", out.toString(), "--master", "local[2]");
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, "stdout:\n" + printed + "\nstderr:\n" + stderr.toString(StandardCharsets.UTF_8));

    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      events.add(JSON.readTree(line));
    }
    JsonNode last = events.get(events.size() - 1);
    assertEquals("final", last.get("event").asText());
    for (String field : List.of("val_top1", "val_top5", "val_loss", "epochs", "images_per_sec", "wall_seconds")) {
      assertTrue(last.has(field), "final event lacks " + field + ": " + last);
    }
    double top1 = last.get("val_top1").asDouble();
    assertTrue(top1 >= 0.90, "val top-1 " + top1 + " < 0.90\n" + printed);

    JsonNode start = events.get(0);
    assertEquals("start", start.get("event").asText());
    assertEquals(2, start.get("workers").asInt());
    assertEquals("average", start.get("updater_state").asText());
    long rounds = events.stream().filter(e -> e.get("event").asText().equals("round")).count();
    long epochs = events.stream().filter(e -> e.get("event").asText().equals("epoch")).count();
    assertEquals(last.get("epochs").asInt(), epochs);
    assertEquals(last.get("rounds").asLong(), rounds);
    int expectedRound = 1;
    for (JsonNode e : events) {
      if (e.get("event").asText().equals("round")) {
        assertEquals(expectedRound++, e.get("round").asInt());
        for (String field : List.of("epoch", "loss", "images_per_sec")) {
          assertTrue(e.has(field), "round event lacks " + field + ": " + e);
        }
      }
    }
    // Replicas are built once per executor JVM and reused by every round (local mode: one JVM).
    assertEquals(2, ReplicaCache.built() - builtBefore);

    List<String> labels = Files.readAllLines(out.resolve("labels.txt"));
    assertEquals(8, labels.size());
    assertEquals(labels.stream().sorted().toList(), labels);
    ConfigLoader.parse(Files.readString(out.resolve("config.conf")));

    MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile(), true);
    assertEquals(8, model.layerSize(model.getnLayers() - 1));
  }
}
