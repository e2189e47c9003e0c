package io.convoy.bench.engines;

import static io.convoy.driver.testing.ConvoyRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convoy bench engines} on a tiny real dataset in a real local Spark (moved here from ConvoyCliTest). */
class BenchEnginesCommandTest {
  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 12, 4, 16, "png", 1), data);
  }

  @Test
  void benchEnginesComparesEveryEngineOnTheSameJob() throws Exception {
    ConvoyRun.Result r = run("bench", "engines", "--json", "--out", out.toString(),
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.epochs=1", "--set", "training.batch-size=4",
        "--set", "cluster.master=local[2]");
    assertEquals(0, r.status(), r.stderr());
    String json = r.stdout().substring(r.stdout().indexOf('['));
    var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    List<String> engines = new java.util.ArrayList<>();
    rows.forEach(row -> {
      engines.add(row.get("engine").asText());
      assertTrue(row.get("images_per_sec").asDouble() > 0, row.toString());
      double top1 = row.get("val_top1").asDouble();
      assertTrue(top1 >= 0 && top1 <= 1, row.toString());
    });
    assertEquals(List.of("single-process DL4J", "convoy parameters k=1", "convoy parameters k=8", "convoy gradients",
        "allreduce parameters k=1", "allreduce parameters k=8", "allreduce gradients",
        "dl4j-paramavg k=1", "dl4j-paramavg k=8", "dl4j-paramavg k=1 as shipped", "dl4j-paramavg k=8 as shipped"),
        engines);
    assertEquals(1.0, rows.get(0).get("ratio_to_single_process").asDouble(), 1e-9);
    // The as-shipped rows ran in a child JVM with DL4J's own defaults: no oneDNN.
    String child = Files.readString(out.resolve("dl4j-paramavg-k8-as-shipped").resolve("metrics.jsonl"));
    assertTrue(child.contains("\"native\":\"linux-x86_64 (oneDNN off)\""), child.lines().findFirst().orElse(""));
  }


  @Test
  void benchEnginesRunsChosenEnginesOverSeveralSeeds() throws Exception {
    ConvoyRun.Result r = run("bench", "engines", "--json", "--out", out.toString(), "--seeds", "2",
        "--engines", "convoy parameters k=8",
        "--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.epochs=1", "--set", "training.batch-size=4",
        "--set", "cluster.master=local[2]");
    assertEquals(0, r.status(), r.stderr());
    var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout().substring(r.stdout().indexOf('[')));
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("convoy parameters k=8", rows.get(0).get("engine").asText());
    assertEquals(2, rows.get(0).get("val_top1_seeds").size(), rows.toString());
    assertTrue(Files.isDirectory(out.resolve("convoy-parameters-k8-seed43")), "second seed's outputs");

    ConvoyRun.Result unknown = run("bench", "engines", "--engines", "convoy k=3", "--out", out.toString());
    assertEquals(2, unknown.status());
    assertTrue(unknown.stderr().contains("no engine named 'convoy k=3'"), unknown.stderr());
  }
}
