package io.convoy.worker.allreduce;

import io.convoy.worker.replica.FaultInjection;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rank 0's side channel to the driver ({@link ProgressProtocol}): each round's report as soon as
 * the round ends, so that metrics.jsonl and the console follow a barrier stage that lasts an
 * epoch, every {@code checkpoint.every-rounds} rounds the state after it, and the epoch's end
 * state with its last round. Best effort: when the driver cannot be reached the reports and the
 * end state still arrive with the stage's result, later (and without snapshots, a retried stage
 * starts its epoch over).
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
    if (FaultInjection.progressChannelOff()) {
      LOG.warn("convoy: progress channel off ({}); round metrics will arrive at the end of the epoch",
          "spark.convoy.test.progress-channel");
      return new ProgressReporter(null, null);
    }
    try {
      Socket s = ProgressProtocol.open(driver, token, ProgressProtocol.PROGRESS, timeoutMillis);
      return new ProgressReporter(s, new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16)));
    } catch (IOException e) {
      LOG.warn("convoy: cannot reach the driver's progress channel at {} ({}); round metrics will arrive "
          + "at the end of the epoch", driver, e.getMessage());
      return new ProgressReporter(null, null);
    }
  }

  void send(RoundReport report) {
    send(report, null);
  }

  /** The round's report and, when not null, the state after it, for checkpoints and retries. */
  void send(RoundReport report, StageSnapshot snapshot) {
    send(snapshot == null ? ProgressProtocol.REPORT : ProgressProtocol.SNAPSHOT, report, snapshot);
  }

  /**
   * The epoch's last round and the state after it, which the driver takes instead of the state in
   * the task's result: one copy of the raw floats over this socket, where the result went through
   * Spark's shuffle and its task-result fetch (resnet50: 190 MB, 3-4 s of a 29 s epoch).
   */
  void sendFinal(RoundReport report, StageSnapshot end) {
    send(ProgressProtocol.FINAL, report, end);
  }

  private void send(byte type, RoundReport report, StageSnapshot snapshot) {
    if (out == null) {
      return;
    }
    try {
      out.writeByte(type);
      report.write(out);
      if (snapshot != null) {
        snapshot.write(out);
      }
      out.flush();
    } catch (IOException e) {
      LOG.warn("convoy: progress channel to the driver failed ({}); round metrics will arrive at the end of "
          + "the epoch", e.getMessage());
      close();
    }
  }

  /**
   * Ends the channel with {@link ProgressProtocol#END} and {@code channel} and closes it: the
   * driver, told {@code channel} by the task's result, then waits until it has read that far.
   *
   * @return {@code channel}, or {@link EpochOutcome#NO_CHANNEL} when the end did not go out
   */
  long finish(long channel) {
    if (out == null) {
      return EpochOutcome.NO_CHANNEL;
    }
    try {
      out.writeByte(ProgressProtocol.END);
      out.writeLong(channel);
      out.flush();
      return channel;
    } catch (IOException e) {
      LOG.warn("convoy: progress channel to the driver failed at its end ({}); the last round metrics will "
          + "arrive with the epoch's result", e.getMessage());
      return EpochOutcome.NO_CHANNEL;
    } finally {
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
