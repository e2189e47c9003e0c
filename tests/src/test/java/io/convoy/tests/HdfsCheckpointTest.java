package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints on a real HDFS (NameNode and DataNode in this JVM): a run stopped after round 5
 * (as a driver crash would stop it) resumes from {@code hdfs://} with every round once. Slow
 * (about a minute with the HDFS start): the same resume path runs on the local file system in
 * the default run (driver's ResumeTest).
 */
@Tag("slow")
class HdfsCheckpointTest {
  private static final String STOP_AFTER_ROUND = "spark.convoy.test.stop-after-round";

  @TempDir static Path local;
  static MiniDFSCluster cluster;
  static FileSystem hdfs;

  @BeforeAll
  static void start() throws Exception {
    cluster = InJvmHdfs.start(local.resolve("dfs"));
    hdfs = cluster.getFileSystem();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void aRunResumesFromCheckpointsOnHdfs() throws Exception {
    Path data = local.resolve("data");
    assertEquals(0, InProcessConvoy.run("generate", "--classes", "3", "--per-class", "10",
        "--size", "16", "--out", data.toString()));
    String checkpoints = cluster.getURI() + "/runs/a/checkpoints";
    Path out = local.resolve("out");
    List<String> job = new ArrayList<>(List.of("train", "--out", out.toString(), "--master", "local[2]"));
    for (String s : List.of("data.train=" + data.resolve("train"), "data.val=" + data.resolve("val"),
        "data.image-size=16", "training.workers=2", "training.batch-size=6", "training.epochs=3",
        "training.averaging.frequency=1", "checkpoint.every-rounds=2", "checkpoint.dir=" + checkpoints)) {
      job.add("--set");
      job.add(s);
    }
    System.setProperty(STOP_AFTER_ROUND, "5");
    try {
      assertEquals(1, InProcessConvoy.run(job.toArray(String[]::new)));
    } finally {
      System.clearProperty(STOP_AFTER_ROUND);
    }
    FileStatus[] written = hdfs.listStatus(new org.apache.hadoop.fs.Path(checkpoints));
    assertTrue(Arrays.stream(written).allMatch(s -> s.getPath().getName().startsWith("ckpt-")),
        Arrays.toString(written));
    assertEquals(3, written.length, "keep = 3 of the checkpoints after rounds 2, 3 (epoch 1), 4");

    assertEquals(0, InProcessConvoy.run("train", "--resume", checkpoints, "--out", out.toString()));
    List<Integer> rounds = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode event = json.readTree(line);
      if (event.get("event").asText().equals("round")) {
        rounds.add(event.get("round").asInt());
      }
    }
    assertEquals(IntStream.rangeClosed(1, 9).boxed().toList(), rounds);
    assertFalse(Arrays.stream(hdfs.listStatus(new org.apache.hadoop.fs.Path(checkpoints)))
        .anyMatch(s -> s.getPath().getName().endsWith(".tmp")), "a temporary folder was left on HDFS");
  }

}
