package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convoy train} through the real {@code SparkSubmit} against a standalone cluster on
 * localhost: a master and two workers started as separate processes from the Spark home the
 * build assembles, executors in their own JVMs, the application jar from {@code submit/}.
 * It must reach what the same job reaches in local mode.
 */
class StandaloneClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LocalCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void sparkSubmitToAStandaloneClusterTrainsLikeLocalMode() throws Exception {
    cluster = new LocalCluster(dir);
    Path data = dir.resolve("data");
    assertEquals(0, InProcessConvoy.run("generate", "--classes", "4", "--per-class", "40",
        "--size", "16", "--out", data.toString()));
    List<String> job = List.of("--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.epochs=3", "--set", "training.batch-size=8",
        "--set", "training.workers=2");

    List<String> local = new ArrayList<>(List.of("train", "--master", "local[2]", "--out", dir.resolve("local").toString()));
    local.addAll(job);
    assertEquals(0, InProcessConvoy.run(local.toArray(String[]::new)));

    String master = cluster.startStandalone(2, "2g");
    Path clusterOut = dir.resolve("cluster");
    List<String> train = new ArrayList<>(List.of("train", "--out", clusterOut.toString()));
    train.addAll(job);
    Process driver = cluster.submit("driver", train);
    assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "spark-submit did not finish in 6 minutes:\n" + cluster.log("driver"));
    assertEquals(0, driver.exitValue(), "spark-submit failed:\n" + cluster.log("driver"));

    JsonNode localFinal = lastEvent(dir.resolve("local"));
    JsonNode clusterFinal = lastEvent(clusterOut);
    JsonNode start = JSON.readTree(Files.readAllLines(clusterOut.resolve("metrics.jsonl")).get(0));
    assertEquals(master, start.get("master").asText(), "the run did not use the standalone cluster");
    assertEquals("final", clusterFinal.get("event").asText());
    double local1 = localFinal.get("val_top1").asDouble();
    double cluster1 = clusterFinal.get("val_top1").asDouble();
    assertTrue(Math.abs(local1 - cluster1) <= 0.02, "local val top-1 " + local1 + ", cluster " + cluster1);
    assertTrue(cluster1 >= 0.6, "cluster run did not learn: val top-1 " + cluster1);
    assertTrue(Files.size(clusterOut.resolve("model.zip")) > 0);
  }


  static JsonNode lastEvent(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    return JSON.readTree(lines.get(lines.size() - 1));
  }
}
