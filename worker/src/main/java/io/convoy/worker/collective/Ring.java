package io.convoy.worker.collective;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One rank's place in a ring of {@code size} ranks: a connection to its right neighbour
 * (rank + 1) that it sends on and one from its left neighbour (rank - 1) that it receives on.
 * {@link #sum} is a ring allreduce: the vector is cut into {@code size} segments; in N - 1
 * reduce-scatter steps each segment travels once around the ring, every rank adding its own
 * values, so that rank k - 1 ends with the full sum of segment k; in N - 1 all-gather steps the
 * sums travel around once more and are copied. Each rank sends 2(N-1)/N of the vector, whatever
 * N is. Segments go in chunks, and a chunk is forwarded as soon as it has arrived and been
 * added, so transfer, reduction and the next step overlap (pipelining).
 *
 * <p>Segment k is always summed in the same order, v_k + v_k+1 + ... + v_k-1, and its sum is
 * computed by one rank and copied by the others, so every rank ends with bit-identical values
 * and a rerun gives the same bits, whatever the timing.
 *
 * <p>Not thread-safe: one task uses its ring. Every rank must call {@link #sum} with vectors of
 * the same length, in the same sequence.
 */
public final class Ring implements AutoCloseable {
  /** Longest wait in one select, so that cancellation and timeouts are seen. */
  static final long POLL_MILLIS = 200;

  private final int rank;
  private final int size;
  private final List<InetSocketAddress> peers;
  private final RingOptions options;
  private final BooleanSupplier cancelled;
  private final SocketChannel right;
  private final SocketChannel left;
  private final Selector selector;
  private final SelectionKey rightKey;
  private final SelectionKey leftKey;
  private final ByteBuffer sendBuf;
  private final ByteBuffer recvBuf;
  private final float[] tmp;
  private int calls;
  private long bytesSent;

  private Ring(int rank, List<InetSocketAddress> peers, RingOptions options, BooleanSupplier cancelled,
      SocketChannel right, SocketChannel left) throws IOException {
    this.rank = rank;
    this.size = peers.size();
    this.peers = List.copyOf(peers);
    this.options = options;
    this.cancelled = cancelled;
    this.right = right;
    this.left = left;
    int chunk = Math.max(1, options.chunkBytes() / options.format().bytes());
    this.tmp = new float[chunk];
    if (size == 1) {
      selector = null;
      rightKey = null;
      leftKey = null;
      sendBuf = null;
      recvBuf = null;
      return;
    }
    int bytes = Math.max(8, chunk * options.format().bytes());
    sendBuf = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    recvBuf = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    right.configureBlocking(false);
    left.configureBlocking(false);
    selector = Selector.open();
    rightKey = right.register(selector, 0);
    leftKey = left.register(selector, 0);
  }

  /**
   * Joins the ring: connects to rank + 1, accepts rank - 1 on {@code listener}, both sides
   * proving membership with {@code token}. Connections that present anything else are refused
   * and the wait goes on until the timeout, which names the missing peer.
   *
   * @param peers every rank's listener address, indexed by rank
   * @param cancelled polled while waiting; true aborts (the task was killed)
   */
  public static Ring join(int rank, List<InetSocketAddress> peers, RingListener listener, byte[] token,
      RingOptions options, BooleanSupplier cancelled) {
    int size = peers.size();
    if (rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " outside a ring of " + size);
    }
    if (size == 1) {
      try {
        return new Ring(rank, peers, options, cancelled, null, null);
      } catch (IOException e) {
        throw new CollectiveException("cannot set up a ring of 1: " + e.getMessage(), e);
      }
    }
    RingConnections.Neighbours n = RingConnections.join(rank, peers, listener, token, options, cancelled);
    try {
      return new Ring(rank, peers, options, cancelled, n.right(), n.left());
    } catch (IOException e) {
      n.close();
      throw new CollectiveException("rank " + rank + " could not join the ring: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      n.close();
      throw e;
    }
  }

  public int rank() {
    return rank;
  }

  public int size() {
    return size;
  }

  /** Bytes this rank has sent on the ring so far. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Replaces {@code data} on every rank by the element-wise sum over all ranks. */
  public void sum(float[] data) {
    calls++;
    if (size == 1) {
      return;
    }
    try {
      new Exchange(data).run();
    } catch (IOException e) {
      throw new CollectiveException("allreduce " + calls + " on rank " + rank + " failed with rank "
          + leftRank() + " (" + peers.get(leftRank()) + ") or rank " + rightRank() + " ("
          + peers.get(rightRank()) + "): " + e.getMessage(), e);
    }
  }

  private int leftRank() {
    return (rank - 1 + size) % size;
  }

  private int rightRank() {
    return (rank + 1) % size;
  }

  /** The cursors of one allreduce. */
  private final class Exchange {
    private final float[] data;
    private final RingSegments segments;
    private final int steps;
    private final int chunk = tmp.length;
    private final WireFormat format = options.format();
    private int sStep;
    private int sOff;
    private int sLen;
    private boolean sending;
    private boolean recvHeader = true;
    private int rStep;
    private int rOff;
    private int rLen;

    Exchange(float[] data) {
      this.data = data;
      this.segments = new RingSegments(rank, size, data.length);
      this.steps = segments.steps();
    }

    /** Whether elements [0, elements) of the segment received in {@code step} have arrived. */
    private boolean received(int step, int elements) {
      return !recvHeader && (rStep > step || (rStep == step && rOff >= elements));
    }

    void run() throws IOException {
      sendBuf.clear();
      sendBuf.putInt(calls).putInt(data.length).flip();
      recvBuf.clear().limit(8);
      sStep = segments.nextSend(0);
      rStep = 0;
      long timeoutNanos = options.timeoutMillis() * 1_000_000L;
      long lastProgress = System.nanoTime();
      while (true) {
        boolean progress = sendSome() | receiveSome();
        boolean sendDone = sStep >= steps && !sendBuf.hasRemaining();
        boolean recvDone = !recvHeader && rStep >= steps;
        if (sendDone && recvDone) {
          return;
        }
        long now = System.nanoTime();
        if (progress) {
          lastProgress = now;
          continue;
        }
        if (now - lastProgress > timeoutNanos) {
          throw timeout(recvDone);
        }
        RingConnections.checkCancelled(cancelled, "allreduce on rank " + rank);
        rightKey.interestOps(sendBuf.hasRemaining() ? SelectionKey.OP_WRITE : 0);
        leftKey.interestOps(recvDone ? 0 : SelectionKey.OP_READ);
        selector.select(Math.max(1, Math.min(POLL_MILLIS, (timeoutNanos - (now - lastProgress)) / 1_000_000)));
        selector.selectedKeys().clear();
      }
    }

    private boolean sendSome() throws IOException {
      if (!sendBuf.hasRemaining()) {
        if (sending) {
          sending = false;
          sOff += sLen;
          if (sOff == segments.length(segments.sentIn(sStep))) {
            sStep = segments.nextSend(sStep + 1);
            sOff = 0;
          }
        }
        if (sStep >= steps) {
          return false;
        }
        int seg = segments.sentIn(sStep);
        int len = Math.min(chunk, segments.length(seg) - sOff);
        if (sStep > 0 && !received(sStep - 1, sOff + len)) {
          return false;
        }
        sendBuf.clear();
        format.encode(data, segments.offset(seg) + sOff, len, sendBuf);
        sendBuf.flip();
        sending = true;
        sLen = len;
      }
      int written = right.write(sendBuf);
      bytesSent += written;
      return written > 0;
    }

    private boolean receiveSome() throws IOException {
      if (!recvHeader && rStep >= steps) {
        return false;
      }
      int read = left.read(recvBuf);
      if (read < 0) {
        throw new CollectiveException("rank " + leftRank() + " (" + peers.get(leftRank()) + ") closed the "
            + "connection during allreduce " + calls + " on rank " + rank + ": the peer failed or was stopped");
      }
      if (recvBuf.hasRemaining()) {
        return read > 0;
      }
      recvBuf.flip();
      if (recvHeader) {
        int call = recvBuf.getInt();
        int length = recvBuf.getInt();
        if (call != calls || length != data.length) {
          throw new CollectiveException("rank " + leftRank() + " (" + peers.get(leftRank()) + ") is at allreduce "
              + call + " of " + length + " floats, rank " + rank + " at allreduce " + calls + " of " + data.length);
        }
        recvHeader = false;
        rStep = segments.nextReceive(0);
      } else {
        int seg = segments.receivedIn(rStep);
        int at = segments.offset(seg) + rOff;
        format.decode(recvBuf, rLen, tmp);
        if (rStep < size - 1) {
          for (int i = 0; i < rLen; i++) {
            data[at + i] += tmp[i];
          }
          if (rStep == size - 2 && format.lossy()) {
            format.round(data, at, rLen); // this rank owns the segment's sum: keep what the others get
          }
        } else {
          System.arraycopy(tmp, 0, data, at, rLen);
        }
        rOff += rLen;
        if (rOff == segments.length(seg)) {
          rStep = segments.nextReceive(rStep + 1);
          rOff = 0;
        }
      }
      if (rStep < steps) {
        rLen = Math.min(chunk, segments.length(segments.receivedIn(rStep)) - rOff);
        recvBuf.clear().limit(rLen * format.bytes());
      }
      return true;
    }

    private CollectiveException timeout(boolean recvDone) {
      String waited = RingConnections.seconds(options.timeoutMillis());
      if (!recvDone) {
        return new CollectiveException("rank " + leftRank() + " (" + peers.get(leftRank()) + ") sent nothing to rank "
            + rank + " for " + waited + " during allreduce " + calls + ": the peer is stuck, dead or much slower");
      }
      return new CollectiveException("rank " + rightRank() + " (" + peers.get(rightRank()) + ") took nothing from rank "
          + rank + " for " + waited + " during allreduce " + calls + ": the peer is stuck, dead or much slower");
    }
  }

  @Override
  public void close() {
    RingListener.closeQuietly(right);
    RingListener.closeQuietly(left);
    RingListener.closeQuietly(selector);
  }
}
