package io.convoy.bench.allreduce;

import io.convoy.worker.collective.Ring;
import io.convoy.worker.collective.RingListener;
import io.convoy.worker.collective.RingOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the ring allreduce between threads of this JVM over loopback TCP, against the
 * bandwidth bound: each rank must send (and receive) 2(N-1)/N of the vector, so at a link
 * bandwidth B no allreduce of S bytes takes less than 2(N-1)/N x S / B. B is measured here as
 * the rate of one TCP stream between two threads over the same loopback.
 */
public final class RingBenchmark {
  /**
   * One measured size.
   *
   * @param seconds median seconds per allreduce
   * @param boundSeconds 2(N-1)/N x bytes / loopback bandwidth
   */
  public record Row(int ranks, long bytes, int repetitions, double seconds, double boundSeconds) {
    /** Bytes each rank sends per second of allreduce (NCCL's "bus bandwidth"). */
    public double busBytesPerSecond() {
      return 2.0 * (ranks - 1) / ranks * bytes / seconds;
    }
  }

  private final String host;
  private final RingOptions options;
  private final double minSeconds;

  /** @param minSeconds each size repeats until its measured repetitions take at least this long (min 3) */
  public RingBenchmark(String host, RingOptions options, double minSeconds) {
    this.host = host;
    this.options = options;
    this.minSeconds = minSeconds;
  }

  /** Bytes per second of one TCP stream between two threads on {@code host}, over {@code seconds}. */
  public double loopbackBandwidth(double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(host, 0));
      Future<Long> reader = pool.submit(() -> {
        try (SocketChannel in = server.accept()) {
          ByteBuffer buf = ByteBuffer.allocateDirect(options.chunkBytes());
          long total = 0;
          int r;
          while ((r = in.read(buf)) >= 0) {
            total += r;
            buf.clear();
          }
          return total;
        }
      });
      ByteBuffer buf = ByteBuffer.allocateDirect(options.chunkBytes());
      long sent = 0;
      long start;
      long end;
      try (SocketChannel out = SocketChannel.open(server.getLocalAddress())) {
        start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
          buf.clear();
          while (buf.hasRemaining()) {
            sent += out.write(buf);
          }
        }
      }
      long received = reader.get();
      end = System.nanoTime();
      if (received != sent) {
        throw new IOException("loopback stream lost bytes: sent " + sent + ", received " + received);
      }
      return sent / ((end - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Times allreduces of {@code bytes} (rounded down to whole floats) over {@code ranks} threads. */
  public Row measure(int ranks, long bytes, double bandwidth) throws Exception {
    int n = (int) (bytes / 4);
    ExecutorService pool = Executors.newFixedThreadPool(ranks);
    List<RingListener> listeners = new ArrayList<>();
    try {
      List<InetSocketAddress> peers = new ArrayList<>();
      for (int r = 0; r < ranks; r++) {
        listeners.add(RingListener.bind(host, 0, 0));
        peers.add(listeners.get(r).address());
      }
      byte[] token = "bench".getBytes(StandardCharsets.UTF_8);
      List<Future<double[]>> results = new ArrayList<>();
      for (int r = 0; r < ranks; r++) {
        int rank = r;
        results.add(pool.submit(() -> {
          float[] data = new float[n];
          Arrays.fill(data, 1f / (rank + 1));
          try (Ring ring = Ring.join(rank, peers, listeners.get(rank), token, options, () -> false)) {
            ring.sum(data); // warm-up: JIT, socket buffers
            List<Double> times = new ArrayList<>();
            double total = 0;
            // Every rank runs the same number of repetitions: rank 0 decides, the others follow
            // through a one-float allreduce that says whether to go on.
            float[] go = new float[1];
            while (true) {
              go[0] = rank == 0 && (times.size() < 3 || total < minSeconds) ? 1 : 0;
              ring.sum(go);
              if (go[0] == 0) {
                break;
              }
              long t0 = System.nanoTime();
              ring.sum(data);
              double t = (System.nanoTime() - t0) / 1e9;
              times.add(t);
              total += t;
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {sorted.length, sorted[sorted.length / 2]};
          }
        }));
      }
      double[] rank0 = results.get(0).get();
      for (Future<double[]> f : results) {
        f.get();
      }
      long exact = 4L * n;
      return new Row(ranks, exact, (int) rank0[0], rank0[1], 2.0 * (ranks - 1) / ranks * exact / bandwidth);
    } finally {
      listeners.forEach(RingListener::close);
      pool.shutdownNow();
    }
  }
}
