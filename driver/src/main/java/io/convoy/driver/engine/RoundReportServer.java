package io.convoy.driver.engine;

import io.convoy.worker.allreduce.ProgressProtocol;
import io.convoy.worker.allreduce.RoundReport;
import io.convoy.worker.allreduce.StageSnapshot;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The driver's end of an allreduce epoch's side channel ({@link ProgressProtocol}): accepts
 * connections that present the run's token; queues the round reports rank 0 sends, for the
 * driver's main thread to write to metrics.jsonl while the epoch's barrier stage runs; keeps the
 * newest {@value #KEPT} snapshots of the state rank 0 sends and hands them to a retried stage's
 * tasks. A retried stage connects again; its repeated rounds are the caller's to drop.
 */
final class RoundReportServer implements AutoCloseable {
  /** Snapshots kept: a retry asks for the newest; older ones only cover a straggler's late sends. */
  static final int KEPT = 3;

  /** A round's report, with the state after it when rank 0 sent one. */
  record Progress(RoundReport report, StageSnapshot snapshot) {}

  /** A retried stage asked for the newest snapshot of {@code epoch} and got {@code round} (-1: none). */
  record Resumption(int epoch, int round) {}

  private final ServerSocket server;
  private final byte[] token;
  private final BlockingQueue<Progress> reports = new LinkedBlockingQueue<>();
  private final BlockingQueue<Resumption> resumptions = new LinkedBlockingQueue<>();
  private final NavigableMap<Integer, StageSnapshot> snapshots = new TreeMap<>();
  /** The ids of the channels read to their {@link ProgressProtocol#END} (guarded by this). */
  private final Set<Long> ended = new HashSet<>();

  private RoundReportServer(ServerSocket server, byte[] token) {
    this.server = server;
    this.token = token;
    daemon("convoy-progress-accept", this::acceptLoop).start();
  }

  /** Listens on {@code host} (the driver's address as executors know it), on an ephemeral port. */
  static RoundReportServer open(String host, String token) throws IOException {
    ServerSocket server = new ServerSocket(0, 16, InetAddress.getByName(host));
    return new RoundReportServer(server, token.getBytes(StandardCharsets.UTF_8));
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
  }

  /** The next report, or null if none arrives within {@code millis}. */
  Progress poll(long millis) throws InterruptedException {
    return reports.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the channel that rank 0 ended as {@code channel} ({@link ProgressProtocol#END})
   * has been read to that end, so that every report and snapshot it sent before is queued, or
   * {@code millis} have passed; whether it had. Rank 0 names the channel in its task's result: a
   * connection not yet accepted, or one of a failed attempt, cannot satisfy the wait.
   */
  synchronized boolean awaitEnd(long channel, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!ended.contains(channel)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private synchronized void ended(long channel) {
    ended.add(channel);
    notifyAll();
  }

  /** The next retried stage's resumption, or null. */
  Resumption resumption() {
    return resumptions.poll();
  }

  private synchronized void keep(StageSnapshot snapshot) {
    snapshots.put(snapshot.round(), snapshot);
    while (snapshots.size() > KEPT) {
      snapshots.pollFirstEntry();
    }
  }

  private synchronized int latest(int epoch) {
    return snapshots.values().stream().filter(s -> s.epoch() == epoch).mapToInt(StageSnapshot::round).max()
        .orElse(-1);
  }

  private synchronized StageSnapshot get(int epoch, int round) {
    StageSnapshot s = snapshots.get(round);
    return s != null && s.epoch() == epoch ? s : null;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        daemon("convoy-progress-read", () -> read(s)).start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void read(Socket socket) {
    try (socket) {
      socket.setSoTimeout(0);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      int length = in.readInt();
      if (length < 0 || length > 4096) {
        return;
      }
      byte[] offered = new byte[length];
      in.readFully(offered);
      if (!MessageDigest.isEqual(token, offered)) {
        return; // not from this run: ignored
      }
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      switch (in.readByte()) {
        case ProgressProtocol.PROGRESS -> {
          while (true) {
            byte type = in.readByte();
            if (type == ProgressProtocol.END) {
              ended(in.readLong()); // after every message before it was queued
              return;
            }
            RoundReport report = RoundReport.read(in);
            StageSnapshot snapshot = type == ProgressProtocol.SNAPSHOT || type == ProgressProtocol.FINAL
                ? StageSnapshot.read(in) : null;
            if (type == ProgressProtocol.SNAPSHOT) {
              keep(snapshot); // before the report is seen, so that a retry after it can find it
            }
            reports.add(new Progress(report, snapshot));
          }
        }
        case ProgressProtocol.LATEST -> {
          int epoch = in.readInt();
          int round = latest(epoch);
          resumptions.add(new Resumption(epoch, round));
          out.writeInt(round);
          out.flush();
        }
        case ProgressProtocol.GET -> {
          int epoch = in.readInt();
          ProgressProtocol.answerGet(out, get(epoch, in.readInt()));
        }
        default -> { } // not a kind this driver knows: closed
      }
    } catch (EOFException e) {
      // rank 0 failed (a finished one ends with END): its reports so far are queued
    } catch (IOException e) {
      // the channel is best effort; reports also come with the stage's result
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
