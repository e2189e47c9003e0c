package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on localhost for tests: a master and workers started as separate
 * processes from the Spark home the build assembles (submit/target/spark-home), each logging to
 * {@code <dir>/<name>.log}. {@link #close} stops them and the executors they started.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path SPARK_HOME = ROOT.resolve("submit/target/spark-home");
  static final Path APP_JAR = ROOT.resolve("submit/target/convoy-app.jar");

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private String master;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
  }

  /** A master and {@code workers} workers of one core and {@code workerMemory} each, registered. */
  static StandaloneCluster start(Path dir, int workers, String workerMemory) throws Exception {
    assertTrue(Files.isRegularFile(APP_JAR) && Files.isDirectory(SPARK_HOME.resolve("jars")),
        "build the application first: mvn -B verify (or package) builds " + APP_JAR);
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      int port = freePort();
      cluster.master = "spark://127.0.0.1:" + port;
      Process master = cluster.startJava("master", List.of("org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
      cluster.waitFor(master, "master", "I have been elected leader", 60, 1);
      for (int i = 1; i <= workers; i++) {
        cluster.startJava("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", cluster.master,
            "--host", "127.0.0.1", "--cores", "1", "--memory", workerMemory,
            "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work" + i).toString()));
      }
      cluster.waitFor(master, "master", "Registering worker", 60, workers);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** The master's URL, spark://127.0.0.1:PORT. */
  String master() {
    return master;
  }

  /** A JVM with Spark's jars, the Java 17 flags and the environment Spark's scripts would set. */
  Process startJava(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(SPARK_HOME.resolve("jars") + "/*");
    command.addAll(mainAndArgs);
    return start(name, command, Map.of("SPARK_HOME", SPARK_HOME.toString()));
  }

  /**
   * Any process, logging to {@code <dir>/<name>.log}, stopped with the cluster; a null value in
   * {@code environment} removes that variable.
   */
  Process start(String name, List<String> command, Map<String, String> environment) throws IOException {
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
}
