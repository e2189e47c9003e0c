package io.convoy.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.engine.RoundStats;
import io.convoy.worker.replica.RoundTimings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each progress mode prints for an epoch's rounds. */
class EpochBarTest {
  private static RoundStats round(int n, double loss) {
    return new RoundStats(n, 1, loss, 64, 8, 0.1, new RoundTimings(0, 0, 0.1, 0, 0), 0.01);
  }

  @Test
  void plainLinesComeAboutEveryTenthOfTheEpochAndAtItsEnd() {
    StringWriter text = new StringWriter();
    try (EpochBar p = new EpochBar(EpochBar.Mode.LINES, new PrintWriter(text), System.out, 2, 5, 25)) {
      for (int r = 1; r <= 25; r++) {
        p.round(round(r, 1.0 / r));
      }
    }
    List<String> lines = text.toString().lines().toList();
    assertEquals(13, lines.size(), text.toString()); // rounds 2, 4, ..., 24 and 25
    assertTrue(lines.get(0).matches("epoch 2/5 round 2/25  \\d+ images/s  loss 0\\.5000  ETA \\d+:\\d\\d"), lines.get(0));
    assertTrue(lines.get(12).startsWith("epoch 2/5 round 25/25 "), lines.get(12));
    assertTrue(lines.get(12).endsWith("ETA 0:00"), lines.get(12));
  }

  @Test
  void quietPrintsNothingPerRound() {
    StringWriter text = new StringWriter();
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    try (EpochBar p = new EpochBar(EpochBar.Mode.QUIET, new PrintWriter(text),
        new PrintStream(terminal, true, StandardCharsets.UTF_8), 1, 1, 3)) {
      for (int r = 1; r <= 3; r++) {
        p.round(round(r, 0.5));
      }
    }
    assertEquals("", text.toString());
    assertEquals(0, terminal.size());
  }

  @Test
  void theBarShowsRoundsImagesPerSecondAndLoss() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    try (EpochBar p = new EpochBar(EpochBar.Mode.BAR, new PrintWriter(new StringWriter()),
        new PrintStream(terminal, true, StandardCharsets.UTF_8), 1, 3, 4)) {
      for (int r = 1; r <= 4; r++) {
        p.round(round(r, 0.25));
      }
    }
    String bar = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(bar.contains("epoch 1/3"), bar);
    assertTrue(bar.contains("4/4 rounds"), bar);
    assertTrue(bar.contains("img/s, loss 0.2500"), bar);
  }

  @Test
  void quietOrNoTerminalMeansNoBar() {
    assertEquals(EpochBar.Mode.QUIET, EpochBar.Mode.of(true));
    // Tests run without a console.
    assertEquals(EpochBar.Mode.LINES, EpochBar.Mode.of(false));
  }
}
