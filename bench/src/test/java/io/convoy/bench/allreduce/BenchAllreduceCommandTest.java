package io.convoy.bench.allreduce;

import static io.convoy.driver.testing.ConvoyRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.testing.ConvoyRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code convoy bench allreduce}: the ring alone, between threads (moved here from ConvoyCliTest). */
class BenchAllreduceCommandTest {
  @Test
  void benchAllreduceTimesEverySizeAndRingAgainstTheBound() throws Exception {
    ConvoyRun.Result r = run("bench", "allreduce", "--json", "--ranks", "2,3", "--sizes", "1k,40k", "--seconds", "0.01");
    assertEquals(0, r.status(), r.stderr());
    var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout().substring(r.stdout().indexOf('[')));
    List<String> measured = new java.util.ArrayList<>();
    rows.forEach(row -> {
      measured.add(row.get("ranks").asInt() + "x" + row.get("bytes").asLong());
      assertTrue(row.get("repetitions").asInt() >= 3, row.toString());
      assertTrue(row.get("seconds").asDouble() > 0 && row.get("bound_seconds").asDouble() > 0, row.toString());
    });
    assertEquals(List.of("2x1000", "2x40000", "3x1000", "3x40000"), measured);
    ConvoyRun.Result bad = run("bench", "allreduce", "--sizes", "lots");
    assertEquals(2, bad.status());
    assertTrue(bad.stderr().contains("--sizes: lots"), bad.stderr());
  }
}
