package io.convoy.ml;

import java.io.PrintWriter;
import java.io.Writer;
import org.slf4j.Logger;

/** A console for a training run inside a Spark application: each line it prints goes to the log. */
final class LoggedLines extends Writer {
  private final Logger log;
  private final StringBuilder line = new StringBuilder();

  private LoggedLines(Logger log) {
    this.log = log;
  }

  static PrintWriter to(Logger log) {
    return new PrintWriter(new LoggedLines(log), true);
  }

  @Override
  public synchronized void write(char[] chars, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (chars[i] == '\n') {
        flushLine();
      } else if (chars[i] != '\r') {
        line.append(chars[i]);
      }
    }
  }

  private void flushLine() {
    if (line.length() > 0) {
      log.info(line.toString());
      line.setLength(0);
    }
  }

  @Override
  public synchronized void flush() {}

  @Override
  public synchronized void close() {
    flushLine();
  }
}
