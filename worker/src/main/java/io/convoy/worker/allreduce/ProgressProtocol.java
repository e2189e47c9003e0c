package io.convoy.worker.allreduce;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The driver's side channel of an allreduce epoch, both ends. A connection opens with the
 * run's token and one byte saying what it is for:
 *
 * <ul>
 *   <li>{@link #PROGRESS}: rank 0's stream of {@link #REPORT} (a {@link RoundReport}) and
 *       {@link #SNAPSHOT} (a report, then a {@link StageSnapshot}) messages, the last round as
 *       one {@link #FINAL} (a report, then the epoch's end state as a {@link StageSnapshot}, which
 *       the driver takes but does not keep for retries), closed by one {@link #END} (a long: the
 *       channel's id, which rank 0 also returns in its {@link EpochOutcome}, so the driver knows
 *       when it has read everything that task sent);
 *   <li>{@link #LATEST}: epoch in, round of the driver's newest snapshot of that epoch out (-1:
 *       none);
 *   <li>{@link #GET}: epoch and round in, a present flag and the snapshot out.
 * </ul>
 */
public final class ProgressProtocol {
  public static final byte PROGRESS = 'P';
  public static final byte LATEST = 'L';
  public static final byte GET = 'G';
  public static final byte REPORT = 'R';
  public static final byte SNAPSHOT = 'S';
  public static final byte FINAL = 'F';
  public static final byte END = 'E';

  private ProgressProtocol() {}

  /** Opens a connection of {@code kind} to the driver, token sent. */
  public static Socket open(InetSocketAddress driver, String token, byte kind, int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(driver, timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      s.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] t = token.getBytes(StandardCharsets.UTF_8);
      out.writeInt(t.length);
      out.write(t);
      out.writeByte(kind);
      out.flush();
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** The round of the driver's newest snapshot of {@code epoch}, or -1. */
  public static int latestSnapshot(InetSocketAddress driver, String token, int epoch, int timeoutMillis) throws IOException {
    try (Socket s = open(driver, token, LATEST, timeoutMillis)) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(epoch);
      out.flush();
      return new DataInputStream(s.getInputStream()).readInt();
    }
  }

  /**
   * The driver's snapshot after {@code round} of {@code epoch}.
   *
   * @throws IOException when the driver no longer holds it
   */
  public static StageSnapshot snapshot(InetSocketAddress driver, String token, int epoch, int round, int timeoutMillis)
      throws IOException {
    try (Socket s = open(driver, token, GET, timeoutMillis)) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(epoch);
      out.writeInt(round);
      out.flush();
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
      if (in.readByte() == 0) {
        throw new IOException("the driver no longer holds the snapshot of epoch " + (epoch + 1) + " round " + round);
      }
      return StageSnapshot.read(in);
    }
  }

  /** The server's answer to {@link #GET}: a present flag, then the snapshot. */
  public static void answerGet(DataOutputStream out, StageSnapshot snapshot) throws IOException {
    DataOutputStream buffered = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    buffered.writeByte(snapshot == null ? 0 : 1);
    if (snapshot != null) {
      snapshot.write(buffered);
    }
    buffered.flush();
  }

  /** Reads a {@link #SNAPSHOT} message's snapshot (after its report). */
  public static StageSnapshot readSnapshot(DataInputStream in) throws IOException {
    return StageSnapshot.read(in);
  }
}
