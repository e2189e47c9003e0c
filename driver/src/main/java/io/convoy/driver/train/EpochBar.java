package io.convoy.driver.train;

import io.convoy.driver.engine.RoundStats;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one epoch's rounds on the console. On a terminal: a progress bar (rounds done of
 * the epoch's, images/s, loss, ETA). Otherwise, where a bar would fill logs with carriage
 * returns: a plain line about every tenth of the epoch. {@link Mode#QUIET}: nothing per round
 * (the epoch summary lines remain).
 */
public final class EpochBar implements AutoCloseable {
  /** How rounds are shown. */
  public enum Mode {
    BAR, LINES, QUIET;

    /** A bar when stdout is a terminal and not quiet, else plain lines (or none when quiet). */
    public static Mode of(boolean quiet) {
      if (quiet) {
        return QUIET;
      }
      return System.console() != null ? BAR : LINES;
    }
  }

  private final Mode mode;
  private final PrintWriter console;
  private final String name;
  private final int rounds;
  private final int every;
  private final long start = System.nanoTime();
  private final ProgressBar bar;
  private int done;
  private long examples;

  EpochBar(Mode mode, PrintWriter console, PrintStream terminal, int epoch, int epochs, int rounds) {
    this.mode = mode;
    this.console = console;
    this.name = "epoch " + epoch + "/" + epochs;
    this.rounds = rounds;
    this.every = Math.max(1, rounds / 10);
    this.bar = mode == Mode.BAR
        ? new ProgressBarBuilder().setTaskName(name).setInitialMax(rounds).setUnit(" rounds", 1)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(terminal)).build()
        : null;
  }

  /** After each round. */
  void round(RoundStats r) {
    done++;
    examples += r.examples();
    double seconds = (System.nanoTime() - start) / 1e9;
    double imagesPerSec = examples / seconds;
    switch (mode) {
      case BAR -> {
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, "%.0f img/s, loss %.4f", imagesPerSec, r.loss()));
      }
      case LINES -> {
        if (done % every == 0 || done == rounds) {
          console.printf(Locale.ROOT, "%s round %d/%d  %.0f images/s  loss %.4f  ETA %s%n", name, done, rounds,
              imagesPerSec, r.loss(), eta(seconds));
          console.flush();
        }
      }
      case QUIET -> { }
    }
  }

  /** Time left in this epoch at the pace so far, as m:ss. */
  String eta(double seconds) {
    double left = done == 0 ? 0 : seconds / done * Math.max(0, rounds - done);
    Duration d = Duration.ofMillis(Math.round(left * 1000));
    return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
