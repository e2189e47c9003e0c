package io.convoy.driver;

import io.convoy.worker.RoundReport;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The driver's end of rank 0's progress channel (allreduce transport): accepts connections that
 * present the run's token and queues the round reports they carry, for the driver's main thread
 * to write to metrics.jsonl while the epoch's barrier stage runs. A retried stage connects
 * again; its repeated rounds are the caller's to drop.
 */
final class ProgressServer implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] token;
  private final BlockingQueue<RoundReport> reports = new LinkedBlockingQueue<>();

  private ProgressServer(ServerSocket server, byte[] token) {
    this.server = server;
    this.token = token;
    daemon("convoy-progress-accept", this::acceptLoop).start();
  }

  /** Listens on {@code host} (the driver's address as executors know it), on an ephemeral port. */
  static ProgressServer open(String host, String token) throws IOException {
    ServerSocket server = new ServerSocket(0, 16, InetAddress.getByName(host));
    return new ProgressServer(server, token.getBytes(StandardCharsets.UTF_8));
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
  }

  /** The next report, or null if none arrives within {@code millis}. */
  RoundReport poll(long millis) throws InterruptedException {
    return reports.poll(millis, TimeUnit.MILLISECONDS);
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
      while (true) {
        reports.add(RoundReport.read(in));
      }
    } catch (EOFException e) {
      // rank 0 finished or failed: its reports so far are queued
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
