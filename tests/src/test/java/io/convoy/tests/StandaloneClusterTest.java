package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.ConvoyMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path SPARK_HOME = ROOT.resolve("submit/target/spark-home");
  private static final Path APP_JAR = ROOT.resolve("submit/target/convoy-app.jar");

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopCluster() {
    // Workers' executors are their children: stop those too.
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void sparkSubmitToAStandaloneClusterTrainsLikeLocalMode() throws Exception {
    assertTrue(Files.isRegularFile(APP_JAR) && Files.isDirectory(SPARK_HOME.resolve("jars")),
        "build the application first: mvn -B verify (or install) packages " + APP_JAR);
    Path data = dir.resolve("data");
    assertEquals(0, convoy("generate", "--classes", "4", "--per-class", "40", "--size", "16", "--out", data.toString()));
    List<String> job = List.of("--set", "data.train=" + data.resolve("train"), "--set", "data.val=" + data.resolve("val"),
        "--set", "data.image-size=16", "--set", "training.epochs=3", "--set", "training.batch-size=8",
        "--set", "training.workers=2");

    List<String> local = new ArrayList<>(List.of("train", "--master", "local[2]", "--out", dir.resolve("local").toString()));
    local.addAll(job);
    assertEquals(0, convoy(local.toArray(String[]::new)));

    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    Process masterProcess = start("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
    waitFor(masterProcess, "master", "I have been elected leader", 60);
    for (int i = 1; i <= 2; i++) {
      start("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
          "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
          "--work-dir", dir.resolve("work" + i).toString()));
    }
    waitFor(masterProcess, "master", "Registering worker", 60, 2);

    Path clusterOut = dir.resolve("cluster");
    List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", master, "--deploy-mode", "client", "--class", "io.convoy.driver.ConvoyMain",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions()),
        APP_JAR.toString(), "train", "--out", clusterOut.toString()));
    submit.addAll(job);
    Process driver = start("driver", submit);
    assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "spark-submit did not finish in 6 minutes:\n" + log("driver"));
    assertEquals(0, driver.exitValue(), "spark-submit failed:\n" + log("driver"));

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

  private static int convoy(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ConvoyMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    if (status != 0) {
      System.err.println(err.toString(StandardCharsets.UTF_8));
    }
    return status;
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(SPARK_HOME.resolve("jars") + "/*");
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static List<String> jvmOptions() throws IOException {
    return Files.readAllLines(ROOT.resolve("submit/jvm.options")).stream().filter(l -> !l.isBlank()).toList();
  }

  private void waitFor(Process p, String name, String line, int seconds) throws Exception {
    waitFor(p, name, line, seconds, 1);
  }

  /** Waits until {@code name}'s log has {@code times} lines containing {@code line}. */
  private void waitFor(Process p, String name, String line, int seconds, int times) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (log(name).lines().filter(l -> l.contains(line)).count() >= times) {
        return;
      }
      assertTrue(p.isAlive(), name + " exited:\n" + log(name));
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not log '" + line + "' " + times + "x in " + seconds + " s:\n" + log(name));
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static JsonNode lastEvent(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
