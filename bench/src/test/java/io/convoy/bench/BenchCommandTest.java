package io.convoy.bench;

import static io.convoy.driver.testing.ConvoyRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.testing.ConvoyRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code convoy bench} reached through {@code ConvoyMain}, which finds it with ServiceLoader: the
 * driver does not depend on this module.
 */
class BenchCommandTest {
  @Test
  void convoyListsBenchAndHelpSucceedsForItAndEveryBenchmark() {
    ConvoyRun.Result top = run("--help");
    assertEquals(0, top.status(), top.stderr());
    assertTrue(top.stdout().lines().anyMatch(line -> line.trim().startsWith("bench ")), top.stdout());
    ConvoyRun.Result bench = run("bench", "--help");
    assertEquals(0, bench.status(), bench.stderr());
    assertTrue(bench.stdout().contains("Usage: convoy bench"), bench.stdout());
    for (String benchmark : List.of("engines", "pipeline", "augment", "allreduce", "step")) {
      ConvoyRun.Result r = run("bench", benchmark, "--help");
      assertEquals(0, r.status(), benchmark + ": " + r.stderr());
      assertTrue(r.stdout().contains("Usage: convoy bench " + benchmark), r.stdout());
      assertTrue(bench.stdout().contains(benchmark), bench.stdout());
    }
  }

  @Test
  void benchWithoutABenchmarkIsAUsageError() {
    ConvoyRun.Result r = run("bench");
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("engines"), r.stderr());
  }
}
