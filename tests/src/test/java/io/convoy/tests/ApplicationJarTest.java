package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar ({@code submit/target/convoy-app.jar}) as {@code submit/convoy} runs it, with
 * the assembled Spark's jars beside it: it carries module {@code bench}, whose command the driver
 * finds through ServiceLoader, so {@code convoy bench ...} works from the launcher as before.
 */
class ApplicationJarTest {
  @TempDir Path dir;

  @Test
  void theApplicationJarListsBenchAndRunsItsCommands() throws Exception {
    try (LocalCluster jvms = new LocalCluster(dir)) {
      String top = run(jvms, "help", "--help");
      assertTrue(top.lines().anyMatch(line -> line.trim().startsWith("bench ")), top);
      String bench = run(jvms, "bench-help", "bench", "--help");
      assertTrue(bench.contains("Usage: convoy bench"), bench);
      String step = run(jvms, "bench-step-help", "bench", "step", "--help");
      assertTrue(step.contains("Usage: convoy bench step"), step);
      assertTrue(step.contains("--arch"), step);
    }
  }

  /** {@code convoy <args>} in a JVM of its own: its output, after checking it exited with status 0. */
  private static String run(LocalCluster jvms, String name, String... args) throws Exception {
    Process p = jvms.convoy(name, List.of(args));
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), jvms.log(name));
    assertEquals(0, p.exitValue(), jvms.log(name));
    return jvms.log(name);
  }
}
