package io.convoy.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convoy bench pipeline} on a small generated JPEG dataset (no Spark). */
class BenchPipelineCommandTest {
  @TempDir static Path data;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(2, 4, 1, 64, "jpg", 1), data);
  }

  @Test
  void printsImagesPerSecondAsJsonAndText() throws Exception {
    ConvoyRun.Result json = ConvoyRun.run("bench", "pipeline", "--data", data.toString(), "--threads", "2",
        "--json", "--seconds", "0.05", "--runs", "2", "--set", "pipeline.train=imagenet-train");
    assertEquals(0, json.status(), json.stderr());
    JsonNode node = new ObjectMapper().readTree(json.stdout());
    assertEquals(10, node.get("images").asInt());
    assertEquals(2, node.get("threads").asInt());
    assertEquals("random-resized-crop", node.get("ops").get(0).asText());
    assertTrue(node.get("images_per_sec").asDouble() > 0, json.stdout());
    assertEquals(node.get("images_per_sec").asDouble() / 2, node.get("images_per_sec_per_thread").asDouble(), 1e-9);

    ConvoyRun.Result text = ConvoyRun.run("bench", "pipeline", "--data", data.toString(), "--eval",
        "--seconds", "0.05", "--runs", "1");
    assertEquals(0, text.status(), text.stderr());
    assertTrue(text.stdout().contains("images/s per thread"), text.stdout());
  }

  @Test
  void badUsageExitsWithTwo() {
    ConvoyRun.Result missing = ConvoyRun.run("bench", "pipeline", "--data", data.resolve("nope").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.stderr().contains("not a folder"), missing.stderr());
    ConvoyRun.Result badOp = ConvoyRun.run("bench", "pipeline", "--data", data.toString(),
        "--set", "pipeline.train=[blur]");
    assertEquals(2, badOp.status());
    assertTrue(badOp.stderr().contains("pipeline.train[0]"), badOp.stderr());
    assertEquals(2, ConvoyRun.run("bench").status());
  }
}
