package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.ConvoyMain;
import io.convoy.pipeline.synthetic.ShapesGenerator;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HDFS (NameNode and DataNode in this JVM) holding a dataset: packed and unpacked, it is
 * trained on for one epoch from {@code hdfs://} URIs with outputs written back to HDFS, and both
 * forms give the same model; augmented copies are written to HDFS and resumed there.
 */
class HdfsEndToEndTest {
  @TempDir static Path local;
  static MiniDFSCluster cluster;
  static FileSystem hdfs;
  static String root;

  @BeforeAll
  static void start() throws Exception {
    cluster = InJvmHdfs.start(local.resolve("dfs"));
    hdfs = cluster.getFileSystem();
    root = cluster.getURI().toString();
    ShapesGenerator.generate(new ShapesSpec(3, 10, 3, 16, "png", 11), local.resolve("shapes"));
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("shapes").toUri()),
        new org.apache.hadoop.fs.Path(root + "/data"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void packsAndTrainsFromHdfsWithTheSameResultPackedAndUnpacked() throws Exception {
    run("pack", "--data", root + "/data/train", "--out", root + "/packs/train", "--shards", "2", "--master", "local[2]");
    assertTrue(hdfs.isFile(new org.apache.hadoop.fs.Path(root + "/packs/train/index.json")));
    JsonNode folders = train(root + "/data/train", root + "/runs/folders");
    // A packed training set beside a validation folder: each is read in its own way.
    JsonNode packs = train(root + "/packs/train", root + "/runs/packs");
    assertEquals(folders.get("val_loss").asDouble(), packs.get("val_loss").asDouble());
    assertEquals(folders.get("confusion"), packs.get("confusion"));
    assertEquals(1, packs.get("epochs").asInt());
    for (String run : List.of("folders", "packs")) {
      assertTrue(hdfs.getFileStatus(new org.apache.hadoop.fs.Path(root + "/runs/" + run + "/model.zip")).getLen() > 0);
    }
  }

  @Test
  void augmentsFromHdfsIntoHdfsAndResumes() throws Exception {
    String out = root + "/augmented";
    String[] args = {"augment", "--data", root + "/data/train", "--out", out, "--copies", "2", "--master", "local[2]",
        "--set", "data.image-size=16", "--set", "pipeline.train=[{op = random-crop, padding = 2}, mirror]"};
    assertTrue(run(args).contains("60 written, 0 already there"));
    org.apache.hadoop.fs.Path gone = hdfs.listStatus(hdfs.listStatus(new org.apache.hadoop.fs.Path(out))[0].getPath())[0]
        .getPath();
    hdfs.delete(gone, false);
    assertTrue(run(args).contains("1 written, 59 already there"));
    long files = 0;
    for (var cls : hdfs.listStatus(new org.apache.hadoop.fs.Path(out))) {
      files += hdfs.listStatus(cls.getPath()).length;
    }
    assertEquals(60, files);
  }

  private static JsonNode train(String trainData, String out) throws Exception {
    run("train", "--set", "data.train=\"" + trainData + "\"", "--set", "data.val=\"" + root + "/data/val\"",
        "--set", "data.image-size=16", "--set", "training.epochs=1", "--set", "training.batch-size=8",
        "--set", "pipeline.train=[{op = random-crop, padding = 2}, mirror, normalize]",
        "--out", out, "--master", "local[2]");
    List<String> lines;
    try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(out + "/metrics.jsonl"))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals("final", last.get("event").asText(), lines.toString());
    return last;
  }

  private static String run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = ConvoyMain.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), args);
    assertEquals(0, status, String.join(" ", args) + "\nstdout:\n" + stdout.toString(StandardCharsets.UTF_8)
        + "\nstderr:\n" + stderr.toString(StandardCharsets.UTF_8));
    return stdout.toString(StandardCharsets.UTF_8);
  }
}
