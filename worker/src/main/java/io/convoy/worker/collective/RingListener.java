package io.convoy.worker.collective;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The server socket of one rank, bound before addresses are exchanged so that peers can
 * connect as soon as they know it. Binds to the given host (the executor's own address, never
 * the wildcard) on an ephemeral port ({@code lowPort = 0}) or the first free one of a range.
 */
public final class RingListener implements AutoCloseable {
  final ServerSocketChannel channel;
  private final InetSocketAddress address;

  private RingListener(ServerSocketChannel channel, InetSocketAddress address) {
    this.channel = channel;
    this.address = address;
  }

  /**
   * @param lowPort first port to try, or 0 for an ephemeral port
   * @param highPort last port to try (ignored when {@code lowPort} is 0)
   */
  public static RingListener bind(String host, int lowPort, int highPort) {
    int low = lowPort;
    int high = lowPort == 0 ? 0 : highPort;
    IOException last = null;
    for (int port = low; port <= high; port++) {
      ServerSocketChannel ch = null;
      try {
        ch = ServerSocketChannel.open();
        ch.bind(new InetSocketAddress(host, port), 64);
        InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
        return new RingListener(ch, new InetSocketAddress(host, bound.getPort()));
      } catch (BindException e) {
        last = e;
        closeQuietly(ch);
      } catch (IOException e) {
        closeQuietly(ch);
        throw new CollectiveException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }
    throw new CollectiveException("no free port on " + host + " in " + low + "-" + high
        + (last == null ? "" : " (" + last.getMessage() + ")") + ": widen the port range", last);
  }

  /** Where peers connect: host as given, port as bound. */
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing after a failure: the original error is what matters
      }
    }
  }
}
