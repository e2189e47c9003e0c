package io.convoy.bench.augment;

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

/** {@code convoy bench augment} runs end to end on a folder and on its pack (no Spark for the measurement). */
class BenchAugmentCommandTest {
  @TempDir static Path data;
  @TempDir static Path pack;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(2, 12, 1, 16, "jpg", 1), data);
  }

  @Test
  void reportsBothThroughputsAndTheirRatioForAFolderAndAPack() throws Exception {
    ConvoyRun.Result packed = ConvoyRun.run("pack", "--data", data.resolve("train").toString(),
        "--out", pack.resolve("train").toString(), "--shards", "2", "--master", "local[1]");
    assertEquals(0, packed.status(), packed.stderr());
    for (String train : new String[] {data.resolve("train").toString(), pack.resolve("train").toString()}) {
      ConvoyRun.Result r = ConvoyRun.run("bench", "augment", "--json", "--rounds", "1", "--max-images", "16",
          "--set", "data.train=" + train, "--set", "data.val=" + data.resolve("val"), "--set", "data.image-size=16",
          "--set", "training.batch-size=4", "--set", "pipeline.train=[{op = random-crop, padding = 2}, mirror, normalize]");
      assertEquals(0, r.status(), r.stderr());
      JsonNode node = new ObjectMapper().readTree(r.stdout());
      assertEquals(16, node.get("images").asInt());
      assertTrue(node.get("augmented_images_per_sec").asDouble() > 0, r.stdout());
      assertTrue(node.get("predecoded_images_per_sec").asDouble() > 0, r.stdout());
      assertEquals(node.get("augmented_images_per_sec").asDouble() / node.get("predecoded_images_per_sec").asDouble(),
          node.get("ratio").asDouble(), 1e-9);
    }
  }
}
