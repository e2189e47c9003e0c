package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for tests: JVMs started from the Spark home the build assembles (a standalone
 * master, workers, {@code SparkSubmit}, or convoy's own main class) and scripts such as
 * {@code convoy-submit}, each logging to
 * {@code <dir>/<name>.log}, all stopped (with their children, such as executors) by
 * {@link #close}.
 */
final class LocalCluster implements AutoCloseable {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path SPARK_HOME = ROOT.resolve("submit/target/spark-home");
  static final Path APP_JAR = ROOT.resolve("submit/target/convoy-app.jar");

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private String master;

  LocalCluster(Path dir) {
    this.dir = dir;
    assertTrue(Files.isRegularFile(APP_JAR) && Files.isDirectory(SPARK_HOME.resolve("jars")),
        "build the application first: mvn -B verify (or package -pl submit -am) packages " + APP_JAR);
  }

  /**
   * Starts a standalone master and {@code workers} workers of one core and
   * {@code workerMemory} each, registered; returns the master URL.
   */
  String startStandalone(int workers, String workerMemory) throws Exception {
    int masterPort = freePort();
    master = "spark://127.0.0.1:" + masterPort;
    Process masterProcess = start("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
    waitFor(masterProcess, "master", "I have been elected leader", 60, 1);
    for (int i = 1; i <= workers; i++) {
      start("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
          "--cores", "1", "--memory", workerMemory, "--webui-port", String.valueOf(freePort()),
          "--work-dir", dir.resolve("work" + i).toString()));
    }
    waitFor(masterProcess, "master", "Registering worker", 60, workers);
    return master;
  }

  /** {@code spark-submit --master <standalone> ... convoy-app.jar <args>} in client mode. */
  Process submit(String name, List<String> convoyArgs) throws IOException {
    List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", master, "--deploy-mode", "client", "--class", "io.convoy.driver.ConvoyMain",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions()),
        APP_JAR.toString()));
    submit.addAll(convoyArgs);
    return start(name, submit);
  }

  /** {@code convoy <args>} as a JVM of its own, as submit/convoy runs it (local master). */
  Process convoy(String name, List<String> args) throws IOException {
    List<String> main = new ArrayList<>(List.of("-cp", APP_JAR + ":" + SPARK_HOME.resolve("jars") + "/*",
        "io.convoy.driver.ConvoyMain"));
    main.addAll(args);
    return startJava(name, main);
  }

  /** A JVM with Spark's jars on the class path running {@code mainAndArgs}. */
  Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of("-cp", SPARK_HOME.resolve("jars") + "/*"));
    command.addAll(mainAndArgs);
    return startJava(name, command);
  }

  private Process startJava(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmOptions());
    command.addAll(args);
    return startProcess(name, command, Map.of("SPARK_HOME", SPARK_HOME.toString()));
  }

  /**
   * Any process (a script, say), with the environment Spark's scripts would set plus
   * {@code environment}, where a null value removes that variable.
   */
  Process startProcess(String name, List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("OMP_NUM_THREADS", "1");
    environment.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** The executor JVMs (CoarseGrainedExecutorBackend) the workers have started, oldest first. */
  List<ProcessHandle> executors() {
    return processes.stream().flatMap(Process::descendants)
        .filter(h -> h.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")).orElse(false))
        .sorted((a, b) -> a.info().startInstant().orElseThrow().compareTo(b.info().startInstant().orElseThrow()))
        .toList();
  }

  static List<String> jvmOptions() throws IOException {
    return Files.readAllLines(ROOT.resolve("submit/jvm.options")).stream().filter(l -> !l.isBlank()).toList();
  }

  /** Waits until {@code name}'s log has {@code times} lines containing {@code line}. */
  void waitFor(Process p, String name, String line, int seconds, int times) throws Exception {
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

  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    // Workers' executors are their children: stop those too.
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  Optional<String> master() {
    return Optional.ofNullable(master);
  }
}
