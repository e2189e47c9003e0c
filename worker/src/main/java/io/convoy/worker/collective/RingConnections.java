package io.convoy.worker.collective;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * How a rank joins its {@link Ring}: connecting to its right neighbour until the deadline,
 * accepting its left neighbour (refusing connections whose {@link Handshake} does not match), and
 * reading the right neighbour's verdict; every wait names the peer it waited for.
 */
final class RingConnections {
  private RingConnections() {}

  /** The two connections of a rank in a ring of two or more. */
  record Neighbours(SocketChannel right, SocketChannel left) {
    void close() {
      RingListener.closeQuietly(right);
      RingListener.closeQuietly(left);
    }
  }

  /**
   * Connects to rank + 1, accepts rank - 1 on {@code listener}, both sides proving membership with
   * {@code token}, and waits for rank + 1's verdict; closes what it opened when it fails.
   */
  static Neighbours join(int rank, List<InetSocketAddress> peers, RingListener listener, byte[] token,
      RingOptions options, BooleanSupplier cancelled) {
    int size = peers.size();
    long deadline = System.nanoTime() + options.timeoutMillis() * 1_000_000L;
    int rightRank = (rank + 1) % size;
    int leftRank = (rank - 1 + size) % size;
    SocketChannel right = null;
    SocketChannel left = null;
    try {
      right = connect(rightRank, peers.get(rightRank), deadline, options, cancelled);
      new Handshake(size, rank, token).write(right.socket().getOutputStream());
      left = accept(listener, new Handshake(size, leftRank, token), peers.get(leftRank), deadline, options, cancelled);
      int status = status(right, rightRank, peers.get(rightRank), deadline, options);
      if (status != Handshake.ACCEPTED) {
        throw new CollectiveException("rank " + rightRank + " (" + peers.get(rightRank) + ") "
            + Handshake.describe(status) + " when rank " + rank + " connected");
      }
      return new Neighbours(right, left);
    } catch (IOException e) {
      RingListener.closeQuietly(right);
      RingListener.closeQuietly(left);
      throw new CollectiveException("rank " + rank + " could not join the ring: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      RingListener.closeQuietly(right);
      RingListener.closeQuietly(left);
      throw e;
    }
  }

  static SocketChannel connect(int peer, InetSocketAddress address, long deadline, RingOptions options,
      BooleanSupplier cancelled) throws IOException {
    while (true) {
      SocketChannel ch = SocketChannel.open();
      try {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.socket().connect(address, (int) Math.max(1, remainingMillis(deadline)));
        return ch;
      } catch (ConnectException | SocketTimeoutException e) {
        ch.close();
        if (remainingMillis(deadline) <= 0) {
          throw new CollectiveException("cannot connect to rank " + peer + " at " + address + " within "
              + seconds(options.timeoutMillis()) + ": " + e.getMessage());
        }
        checkCancelled(cancelled, "connecting to rank " + peer + " (" + address + ")");
        sleep(50);
      }
    }
  }

  static SocketChannel accept(RingListener listener, Handshake expected, InetSocketAddress peerAddress,
      long deadline, RingOptions options, BooleanSupplier cancelled) throws IOException {
    int refused = 0;
    String lastRefusal = "";
    listener.channel.configureBlocking(false);
    try (Selector sel = Selector.open()) {
      listener.channel.register(sel, SelectionKey.OP_ACCEPT);
      while (true) {
        long remaining = remainingMillis(deadline);
        if (remaining <= 0) {
          throw new CollectiveException("no connection from rank " + expected.rank + " (" + peerAddress + ") to rank "
              + ((expected.rank + 1) % expected.size) + " at " + listener.address() + " within "
              + seconds(options.timeoutMillis())
              + (refused == 0 ? "" : "; refused " + refused + " other connection(s), last " + lastRefusal)
              + ": the peer died, never started or cannot reach this host");
        }
        checkCancelled(cancelled, "waiting for rank " + expected.rank + " (" + peerAddress + ")");
        sel.select(Math.min(remaining, Ring.POLL_MILLIS));
        sel.selectedKeys().clear();
        SocketChannel ch = listener.channel.accept();
        if (ch == null) {
          continue;
        }
        ch.configureBlocking(true);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.socket().setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
        Handshake offered;
        try {
          offered = Handshake.read(ch.socket().getInputStream());
        } catch (IOException e) {
          offered = null;
        }
        int status = expected.judge(offered);
        try {
          ch.socket().getOutputStream().write(status);
          ch.socket().getOutputStream().flush();
        } catch (IOException e) {
          status = status == Handshake.ACCEPTED ? -1 : status;
        }
        if (status == Handshake.ACCEPTED) {
          ch.socket().setSoTimeout(0);
          return ch;
        }
        refused++;
        lastRefusal = Handshake.describe(status) + " from " + ch.getRemoteAddress();
        ch.close();
      }
    }
  }

  static int status(SocketChannel ch, int peer, InetSocketAddress address, long deadline,
      RingOptions options) throws IOException {
    ch.socket().setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
    InputStream in = ch.socket().getInputStream();
    try {
      int b = in.read();
      if (b < 0) {
        throw new CollectiveException("rank " + peer + " (" + address + ") closed the connection during the handshake");
      }
      return b;
    } catch (SocketTimeoutException e) {
      throw new CollectiveException("rank " + peer + " (" + address + ") did not answer the handshake within "
          + seconds(options.timeoutMillis()));
    } finally {
      ch.socket().setSoTimeout(0);
    }
  }

  static void checkCancelled(BooleanSupplier cancelled, String during) {
    if (cancelled.getAsBoolean()) {
      throw new CollectiveException("cancelled while " + during);
    }
  }

  private static long remainingMillis(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectiveException("interrupted while joining the ring", e);
    }
  }
}
