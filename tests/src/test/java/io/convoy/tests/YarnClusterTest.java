package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.common.NioLocalFileSystem;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/convoy-submit --master yarn} as a person runs it, against a real YARN cluster: a
 * ResourceManager and a NodeManager in this JVM (MiniYARNCluster, as Spark's own YarnClusterSuite
 * does), whose configuration the script finds through HADOOP_CONF_DIR. The NodeManager starts the
 * ApplicationMaster and two executors as containers (separate JVMs); in cluster deploy mode the
 * driver runs in the ApplicationMaster's container and reads the job file that --files shipped.
 * Both modes train the job StandaloneClusterTest trains and must learn as much.
 */
class YarnClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT = LocalCluster.ROOT.resolve("submit/convoy-submit");
  private static final String JAVA_HOME = System.getProperty("java.home");

  @TempDir static Path dir;
  private static MiniYARNCluster yarn;
  private static Path hadoopConf;
  private static Path job;

  @BeforeAll
  static void startYarn() throws Exception {
    YarnConfiguration conf = new YarnConfiguration();
    // Room for the ApplicationMaster (896 MB; 1408 MB with the driver in cluster mode) and two
    // executors of 1g heap + 768m overhead (1792 MB) on one NodeManager. MiniYARNCluster sets the
    // NodeManager's memory from its own key (4096 MB unless given), in which only one executor fits.
    conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 6144);
    conf.setInt(YarnConfiguration.NM_VCORES, 4);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    // The containers share this machine with the build: YARN must not kill them on its measure.
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // The NodeManager's stop waits this long (plus 1.25 s) for finished applications, and it keeps
    // every one while it keeps its logs (3 h).
    conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 0);
    // A nearly full disk would mark the NodeManager unhealthy and no container would start.
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
    // FIFO needs no queue configuration (the capacity scheduler, the default, needs a file of it).
    conf.set(YarnConfiguration.RM_SCHEDULER, "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    yarn = new MiniYARNCluster(YarnClusterTest.class.getSimpleName(), 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    // start() can return before the ResourceManager has put its bound port in the configuration.
    Configuration started = yarn.getConfig();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (started.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.nanoTime() < deadline, "the ResourceManager did not bind its port");
      Thread.sleep(100);
    }
    hadoopConf = Files.createDirectories(dir.resolve("hadoop-conf"));
    // A cluster's site files are the cluster's: they do not carry what this JVM's in-process
    // convoy commands installed (predict --data and augment make NioLocalFileSystem every
    // Configuration's file: class, and the containers' class path does not hold it).
    started.unset(NioLocalFileSystem.KEY);
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
      started.writeXml(out);
    }
    // Staging, data and outputs on the local file system, which every container here sees.
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", "file:///");
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("core-site.xml"))) {
      core.writeXml(out);
    }

    Path data = dir.resolve("data");
    assertEquals(0, InProcessConvoy.run("generate", "--classes", "4", "--per-class", "40",
        "--size", "16", "--out", data.toString()));
    job = dir.resolve("job.conf");
    Files.writeString(job, "data { train = \"" + data.resolve("train") + "\", val = \"" + data.resolve("val")
        + "\", image-size = 16 }\ntraining { epochs = 3, batch-size = 8, workers = 2 }\n");
  }

  @AfterAll
  static void stopYarn() {
    if (yarn == null) {
      return;
    }
    String[] localDirs = yarn.getNodeManager(0).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOCAL_DIRS);
    yarn.stop();
    // The NodeManager keeps each application's copy of the application jar (370 MB) there, under
    // target/; the containers' logs, beside it, stay.
    for (String localDir : localDirs) {
      FileUtil.fullyDelete(new File(localDir));
    }
  }

  @Test
  void clientModeTrainsWithExecutorsInYarnContainers() throws Exception {
    Path out = dir.resolve("client");
    try (LocalCluster processes = new LocalCluster(dir)) {
      Run run = submit(processes, "client", "train", "--conf", job.toString(), "--out", out.toString(), "--quiet");
      assertEquals(0, run.status(), run.diagnostics());
      assertLearned(run, out);
      // The driver is the child process itself.
      assertTrue(run.output().contains("convoy: training simple-cnn"), run.diagnostics());
      assertExecutorsRanWithConvoysFlags(run);
    }
  }

  @Test
  void clusterModeRunsTheDriverInTheApplicationMastersContainer() throws Exception {
    Path out = dir.resolve("cluster");
    try (LocalCluster processes = new LocalCluster(dir)) {
      Run run = submit(processes, "cluster", "train", "--conf", job.toString(), "--out", out.toString(), "--quiet");
      // 0 only if YARN recorded the application as succeeded (spark-submit waits for its report).
      assertEquals(0, run.status(), run.diagnostics());
      assertLearned(run, out);
      assertTrue(run.containerFiles("stdout").getOrDefault(1, "").contains("convoy: training simple-cnn"),
          "the driver's console is not in the ApplicationMaster's container: " + run.diagnostics());
      // convoy-submit's driver flags reached it there (Spark's own list has no headless AWT).
      assertTrue(run.containerFiles("launch_container.sh").getOrDefault(1, "").contains("-Djava.awt.headless=true"),
          run.diagnostics());
      assertExecutorsRanWithConvoysFlags(run);
    }
  }

  @Test
  void clusterModeReportsAFailedRunWithConvoysReasonInTheDriversLog() throws Exception {
    try (LocalCluster processes = new LocalCluster(dir)) {
      Run run = submit(processes, "cluster", "train", "--conf", job.toString(), "--set", "training.batch-size=0",
          "--out", dir.resolve("refused").toString());
      assertNotEquals(0, run.status(), run.diagnostics());
      assertTrue(run.output().contains("finished with failed status"), run.diagnostics());
      String driverLog = run.containerFiles("stderr").getOrDefault(1, "");
      assertTrue(driverLog.contains("training.batch-size: found 0"), "convoy's reason is not in the driver's log: "
          + run.diagnostics());
    }
  }

  /** The child's output, and the files YARN kept of its application's containers. */
  record Run(String name, int status, String output, long seconds) {
    String applicationId() {
      Matcher m = Pattern.compile("application_\\d+_\\d+").matcher(output);
      return m.find() ? m.group() : null;
    }

    /** The file {@code name} of each container of the application, by container number (1: the ApplicationMaster). */
    Map<Integer, String> containerFiles(String name) throws IOException {
      Map<Integer, String> files = new TreeMap<>();
      String app = applicationId();
      if (app == null) {
        return files;
      }
      for (String logDir : yarn.getNodeManager(0).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOG_DIRS)) {
        Path appLogs = Path.of(logDir).resolve(app);
        if (!Files.isDirectory(appLogs)) {
          continue;
        }
        try (Stream<Path> containers = Files.list(appLogs)) {
          for (Path c : containers.toList()) {
            Path f = c.resolve(name);
            if (Files.isRegularFile(f)) {
              String id = c.getFileName().toString();
              files.put(Integer.parseInt(id.substring(id.lastIndexOf('_') + 1)), Files.readString(f));
            }
          }
        }
      }
      return files;
    }

    /** The tail of the child's output and of every container's logs and launch script. */
    String diagnostics() {
      StringBuilder s = new StringBuilder(name + " exited " + status + " after " + seconds + " s; its output:\n"
          + tail(output, 8000) + "\n");
      try {
        for (String file : List.of("prelaunch.err", "stdout", "stderr", "launch_container.sh")) {
          containerFiles(file).forEach((container, text) -> s.append("==> container ").append(container).append(' ')
              .append(file).append(" <==\n").append(tail(text, 4000)).append('\n'));
        }
      } catch (IOException e) {
        s.append("(container logs unreadable: ").append(e).append(")\n");
      }
      if (applicationId() == null) {
        s.append("(no application id in the output: nothing was submitted)\n");
      }
      return s.toString();
    }
  }

  /** {@code convoy-submit --master yarn --deploy-mode <mode> ... -- <convoy args>}, run to its end. */
  private static Run submit(LocalCluster processes, String deployMode, String... convoyArgs) throws Exception {
    String name = "submit-" + deployMode + "-" + System.nanoTime();
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--master", "yarn",
        "--deploy-mode", deployMode, "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "1g",
        "--driver-memory", "1g",
        // What convoy's memory check asks for one simple-cnn replica at batch 8 (the default 384m is refused).
        "--conf", "spark.executor.memoryOverhead=768m",
        // One machine: containers use the assembled Spark's jars where they lie instead of a
        // 180 MB upload per run (the application jar is still uploaded: about a second).
        "--conf", "spark.yarn.jars=local:" + LocalCluster.SPARK_HOME.resolve("jars") + "/*",
        "--conf", "spark.yarn.stagingDir=" + dir.resolve("staging").toUri(),
        // Containers get only the environment YARN gives them: Java 17 is this JVM's.
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + JAVA_HOME,
        "--conf", "spark.executorEnv.JAVA_HOME=" + JAVA_HOME,
        // A failed attempt is a failed test: no second attempt to wait for.
        "--conf", "spark.yarn.maxAppAttempts=1",
        "--"));
    command.addAll(List.of(convoyArgs));
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", null);
    env.put("HADOOP_CONF_DIR", hadoopConf.toString());
    env.put("CONVOY_DRIVER_MEMORY", "1g");
    long start = System.nanoTime();
    Process p = processes.startProcess(name, command, env);
    boolean done = p.waitFor(8, TimeUnit.MINUTES);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    Run run = new Run(name, done ? p.exitValue() : -1, processes.log(name), seconds);
    System.out.printf("YarnClusterTest: %s deploy mode, %s: %d s%n", deployMode, String.join(" ", convoyArgs), seconds);
    assertTrue(done, "convoy-submit did not finish in 8 minutes: " + run.diagnostics());
    return run;
  }

  /** It trained on YARN for every epoch, learned as on the standalone cluster, and wrote its model. */
  private static void assertLearned(Run run, Path out) throws IOException {
    Path metrics = out.resolve("metrics.jsonl");
    assertTrue(Files.isRegularFile(metrics), "no " + metrics + ": " + run.diagnostics());
    List<String> lines = Files.readAllLines(metrics);
    JsonNode start = JSON.readTree(lines.get(0));
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    assertEquals("yarn", start.get("master").asText(), "the run did not use YARN: " + run.diagnostics());
    assertEquals("final", last.get("event").asText(), run.diagnostics());
    assertEquals(3, last.get("epochs").asInt(), run.diagnostics());
    double top1 = last.get("val_top1").asDouble();
    assertTrue(top1 >= 0.6, "the run did not learn: val top-1 " + top1 + "; " + run.diagnostics());
    assertTrue(Files.size(out.resolve("model.zip")) > 0, run.diagnostics());
  }

  /**
   * Two executor containers, each started with submit/jvm.options' flags (which convoy-submit
   * adds) and the ND4J limits convoy derives from the container's size: (768 - 512) MB off-heap
   * and 1024 + 768 MB in all.
   */
  private static void assertExecutorsRanWithConvoysFlags(Run run) throws IOException {
    List<String> executors = run.containerFiles("launch_container.sh").values().stream()
        .filter(script -> script.contains("YarnCoarseGrainedExecutorBackend")).toList();
    assertEquals(2, executors.size(), "executor containers: " + run.diagnostics());
    for (String script : executors) {
      assertTrue(script.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"), script);
      assertTrue(script.contains("-Dorg.bytedeco.javacpp.maxbytes=" + 256L * 1024 * 1024), script);
      assertTrue(script.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + 1792L * 1024 * 1024), script);
    }
  }

  private static String tail(String s, int chars) {
    return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
  }
}
