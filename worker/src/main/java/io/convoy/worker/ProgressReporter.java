package io.convoy.worker;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rank 0's side channel to the driver: each round's report as soon as the round ends, so that
 * metrics.jsonl and the console follow a barrier stage that lasts an epoch. Best effort: when
 * the driver cannot be reached the reports still arrive with the stage's result, later.
 */
final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private Socket socket;
  private DataOutputStream out;

  private ProgressReporter(Socket socket, DataOutputStream out) {
    this.socket = socket;
    this.out = out;
  }

  /** Connects and sends the token; a reporter that drops everything if the driver is unreachable. */
  static ProgressReporter connect(InetSocketAddress driver, String token, int timeoutMillis) {
    try {
      Socket s = new Socket();
      s.connect(driver, timeoutMillis);
      s.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
      byte[] t = token.getBytes(StandardCharsets.UTF_8);
      out.writeInt(t.length);
      out.write(t);
      out.flush();
      return new ProgressReporter(s, out);
    } catch (IOException e) {
      LOG.warn("convoy: cannot reach the driver's progress channel at {} ({}); round metrics will arrive "
          + "at the end of the epoch", driver, e.getMessage());
      return new ProgressReporter(null, null);
    }
  }

  void send(RoundReport report) {
    if (out == null) {
      return;
    }
    try {
      report.write(out);
      out.flush();
    } catch (IOException e) {
      LOG.warn("convoy: progress channel to the driver failed ({}); round metrics will arrive at the end of "
          + "the epoch", e.getMessage());
      close();
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the channel is best effort
      }
      socket = null;
      out = null;
    }
  }
}
