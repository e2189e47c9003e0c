package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/convoy-submit} as a person runs it: the script itself, with the Spark the build
 * assembled (no SPARK_HOME), against a standalone cluster of separate processes.
 */
class ConvoySubmitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT = LocalCluster.ROOT.resolve("submit/convoy-submit");

  @TempDir Path dir;

  @Test
  void trainsOnAStandaloneClusterWithAJobFile() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(0, InProcessConvoy.run("generate", "--classes", "3", "--per-class", "20",
        "--size", "16", "--out", data.toString()));
    Path job = dir.resolve("job.conf");
    Files.writeString(job, "data { train = \"" + data.resolve("train") + "\", val = \"" + data.resolve("val")
        + "\", image-size = 16 }\ntraining { epochs = 2, batch-size = 8, workers = 2 }\n");
    Path out = dir.resolve("run");
    try (LocalCluster cluster = new LocalCluster(dir)) {
      String master = cluster.startStandalone(2, "1500m");
      Process submit = cluster.startProcess("submit", List.of("bash", SCRIPT.toString(), "--master", master,
          "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2", "--driver-memory", "1g", "--",
          "train", "--conf", job.toString(), "--out", out.toString(), "--quiet"),
          environment("CONVOY_DRIVER_MEMORY", "1g", "SPARK_HOME", null));
      assertTrue(submit.waitFor(6, TimeUnit.MINUTES), "convoy-submit did not finish in 6 minutes:\n"
          + cluster.log("submit"));
      assertEquals(0, submit.exitValue(), "convoy-submit failed:\n" + cluster.log("submit"));
      List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
      JsonNode start = JSON.readTree(lines.get(0));
      JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
      assertEquals(master, start.get("master").asText(), "the run did not use the standalone cluster");
      assertEquals("final", last.get("event").asText());
      assertEquals(2, last.get("epochs").asInt());
      assertTrue(Files.isRegularFile(out.resolve("report.html")), cluster.log("submit"));
      // The executors ran with Java 17's flags from submit/jvm.options, which convoy-submit added.
      String executorCommands = cluster.log("worker1") + cluster.log("worker2");
      assertTrue(executorCommands.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"),
          executorCommands);
    }
  }

  @Test
  void clusterModeShipsTheJobFileAndUserSettingsWin() throws Exception {
    Path job = dir.resolve("job.conf");
    Files.writeString(job, "training.epochs = 1\n");
    Path fakeSpark = dir.resolve("spark");
    Files.createDirectories(fakeSpark.resolve("bin"));
    Map<String, String> env = environment("SPARK_HOME", fakeSpark.toString());
    env.put("CONVOY_SUBMIT_DRY_RUN", "1");
    Result r = script(env, "--master", "yarn", "--deploy-mode", "cluster", "--files", "extra.txt",
        "--conf", "spark.locality.wait=3s", "--", "train", "--conf", job.toString(), "--out", "hdfs:///runs/r1");
    assertEquals(0, r.status(), r.output());
    List<String> args = r.output().lines().toList();
    assertEquals(fakeSpark.resolve("bin/spark-submit").toString(), args.get(0));
    assertEquals("extra.txt," + job, args.get(args.indexOf("--files") + 1));
    List<String> tail = args.subList(args.size() - 5, args.size());
    assertEquals(List.of("train", "--conf", "job.conf", "--out", "hdfs:///runs/r1"), tail);
    assertTrue(args.get(args.size() - 6).endsWith("submit/target/convoy-app.jar"), args.toString());
    assertTrue(args.contains("spark.serializer=org.apache.spark.serializer.KryoSerializer"), args.toString());
    assertTrue(args.contains("spark.locality.wait=3s") && !args.contains("spark.locality.wait=0"), args.toString());
    String executorOptions = args.stream().filter(a -> a.startsWith("spark.executor.extraJavaOptions=")).findFirst()
        .orElseThrow();
    assertTrue(executorOptions.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"),
        executorOptions);
    assertEquals("io.convoy.driver.ConvoyMain", args.get(args.indexOf("--class") + 1));
  }

  @Test
  void theAssembledSparkSubmitsToYarnWithTheHadoopConfigurationOnItsClassPath() throws Exception {
    Path job = dir.resolve("job.conf");
    Files.writeString(job, "training.epochs = 1\n");
    Path hadoopConf = Files.createDirectories(dir.resolve("hadoop-conf"));
    Map<String, String> env = environment("HADOOP_CONF_DIR", hadoopConf.toString(), "CONVOY_SUBMIT_DRY_RUN", "1");
    // Cluster mode on YARN: this JVM only submits, so the assembled Spark will do.
    Result r = script(env, "--master", "yarn", "--deploy-mode", "cluster", "--", "train", "--conf", job.toString());
    assertEquals(0, r.status(), r.output());
    List<String> args = r.output().lines().toList();
    assertTrue(args.contains("org.apache.spark.deploy.SparkSubmit"), args.toString());
    // Where the YARN client finds the ResourceManager's address (yarn-site.xml).
    String classpath = args.get(args.indexOf("-cp") + 1);
    assertEquals(LocalCluster.SPARK_HOME.resolve("jars") + "/*:" + hadoopConf, classpath);
    assertEquals(job.toString(), args.get(args.indexOf("--files") + 1));

    Result standalone = script(env, "--master", "spark://master:7077", "--deploy-mode", "cluster", "--", "train");
    assertEquals(2, standalone.status(), standalone.output());
    assertTrue(standalone.output().contains("set SPARK_HOME"), standalone.output());
  }

  @Test
  void usageErrorsExitTwoWithOneLine() throws Exception {
    Result noSeparator = script(environment(), "--master", "local[2]", "train");
    assertEquals(2, noSeparator.status(), noSeparator.output());
    assertTrue(noSeparator.output().contains("missing '--'"), noSeparator.output());
    Result noCommand = script(environment(), "--master", "local[2]", "--");
    assertEquals(2, noCommand.status(), noCommand.output());
    Result noJob = script(environment(), "--", "train", "--conf", dir.resolve("missing.conf").toString());
    assertEquals(2, noJob.status(), noJob.output());
    assertTrue(noJob.output().contains("no such job file"), noJob.output());
  }

  @Test
  void convoyCudaSubmitsTheCudaJarAndSaysHowToBuildIt() throws Exception {
    // A copy of the script in a checkout of its own, so that a real CUDA build is left alone.
    Path submit = dir.resolve("checkout/submit");
    Files.createDirectories(submit.resolve("target/cuda/spark-home/jars"));
    Path script = Files.copy(SCRIPT, submit.resolve("convoy-submit"));
    Files.copy(LocalCluster.ROOT.resolve("submit/jvm.options"), submit.resolve("jvm.options"));
    Files.copy(LocalCluster.ROOT.resolve("submit/native-env.sh"), submit.resolve("native-env.sh"));
    Map<String, String> env = environment("CONVOY_CUDA", "1", "CONVOY_SPARK_DEFAULTS", "");
    Result missing = script(script, env, "--", "train", "--out", "runs/gpu");
    assertEquals(1, missing.status(), missing.output());
    assertTrue(missing.output().contains("submit/target/cuda/convoy-app-cuda.jar is missing")
        && missing.output().contains("'mvn -B -Pcuda -DskipTests package -pl submit -am'"), missing.output());

    Path jar = Files.createFile(submit.resolve("target/cuda/convoy-app-cuda.jar"));
    env.put("CONVOY_SUBMIT_DRY_RUN", "1");
    Result r = script(script, env, "--master", "spark://gpu-master:7077", "--", "train", "--out", "runs/gpu");
    assertEquals(0, r.status(), r.output());
    List<String> args = r.output().lines().toList();
    assertEquals(List.of(jar.toString(), "train", "--out", "runs/gpu"), args.subList(args.size() - 4, args.size()));
    // Without SPARK_HOME, the Spark home the CUDA build assembled beside its jar.
    assertEquals(submit.resolve("target/cuda/spark-home/jars") + "/*", args.get(args.indexOf("-cp") + 1));
  }

  record Result(int status, String output) {}

  private Result script(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return script(SCRIPT, env, args);
  }

  private Result script(Path script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), output);
    return new Result(p.exitValue(), output);
  }

  /** The test JVM's environment without SPARK_HOME (the script must use the assembled Spark), plus pairs. */
  private static Map<String, String> environment(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

}
