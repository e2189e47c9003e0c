package io.convoy.worker.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ring allreduce between threads of this JVM over real loopback TCP sockets. */
class RingTest {
  private static final byte[] TOKEN = "job-token-1".getBytes(StandardCharsets.UTF_8);
  private static final String HOST = "127.0.0.1";
  /** Small chunks so that every segment is cut into several pipelined pieces. */
  private static final RingOptions SMALL_CHUNKS = new RingOptions(20_000, 64, WireFormat.FLOAT32);
  private static final int[] SIZES = {0, 1, 2, 3, 7, 13, 97, 1009, 4099, 100_003};

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void sumsEqualTheSequentialSumOnEveryRankForAwkwardSizes(int ranks) throws Exception {
    for (int n : SIZES) {
      // Integers below 2^20: every order of summation is exact, so the ring must equal the plain sum.
      float[][] inputs = inputs(ranks, n, (rank) -> new SplittableRandom(rank * 31L + n), true);
      float[][] outputs = allreduce(ranks, inputs, SMALL_CHUNKS, 1);
      float[] expected = sequentialSum(inputs);
      for (int r = 0; r < ranks; r++) {
        assertArrayEquals(expected, outputs[r], ranks + " ranks, " + n + " floats, rank " + r);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5})
  void realValuedSumsAreCloseToTheExactSumAndBitIdenticalAcrossRanksAndRuns(int ranks) throws Exception {
    int n = 10_007;
    float[][] inputs = inputs(ranks, n, rank -> new SplittableRandom(rank), false);
    RingOptions options = new RingOptions(20_000, 1000, WireFormat.FLOAT32);
    float[][] first = allreduce(ranks, inputs, options, 1);
    float[][] second = allreduce(ranks, inputs, options, 1);
    double[] exact = new double[n];
    for (float[] in : inputs) {
      for (int i = 0; i < n; i++) {
        exact[i] += in[i];
      }
    }
    for (int r = 0; r < ranks; r++) {
      assertArrayEquals(first[0], first[r], "rank " + r + " differs from rank 0");
      assertArrayEquals(first[r], second[r], "a second run differs on rank " + r);
      for (int i = 0; i < n; i++) {
        assertEquals(exact[i], first[r][i], 1e-5 * ranks * (1 + Math.abs(exact[i])), "element " + i);
      }
    }
  }

  @Test
  void repeatedAllreducesOnOneRingStayInStep() throws Exception {
    int ranks = 3;
    float[][] inputs = inputs(ranks, 501, rank -> new SplittableRandom(rank + 100), true);
    float[][] outputs = allreduce(ranks, inputs, SMALL_CHUNKS, 4);
    // Four sums in a row of the same inputs: each call sums the previous results.
    float[] expected = sequentialSum(inputs);
    for (int call = 1; call < 4; call++) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] *= ranks;
      }
    }
    for (int r = 0; r < ranks; r++) {
      assertArrayEquals(expected, outputs[r]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void bf16TravelsHalfTheBytesWithinItsPrecisionAndStaysBitIdentical(int ranks) throws Exception {
    int n = 4001;
    float[][] inputs = inputs(ranks, n, rank -> new SplittableRandom(rank + 7), false);
    float[][] outputs = allreduce(ranks, inputs, new RingOptions(20_000, 512, WireFormat.BF16), 1);
    double[] exact = new double[n];
    double scale = 0;
    for (float[] in : inputs) {
      for (int i = 0; i < n; i++) {
        exact[i] += in[i];
        scale = Math.max(scale, Math.abs(in[i]));
      }
    }
    for (int r = 0; r < ranks; r++) {
      assertArrayEquals(outputs[0], outputs[r]);
      for (int i = 0; i < n; i++) {
        // one rounding to 8 mantissa bits per hop: relative 2^-8 of the largest partial sum
        assertEquals(exact[i], outputs[r][i], ranks * scale * Math.pow(2, -8), "element " + i);
      }
    }
  }

  @Test
  void aPeerThatNeverConnectsTimesOutNamingThePeer() throws Exception {
    try (RingListener mine = RingListener.bind(HOST, 0, 0); RingListener silent = RingListener.bind(HOST, 0, 0)) {
      List<InetSocketAddress> peers = List.of(mine.address(), silent.address());
      CollectiveException e = assertThrows(CollectiveException.class, () -> Ring.join(0, peers, mine, TOKEN,
          new RingOptions(1000, 1 << 16, WireFormat.FLOAT32), () -> false));
      assertTrue(e.getMessage().contains("rank 1 (" + silent.address() + ")"), e.getMessage());
      assertTrue(e.getMessage().contains("within 1.0 s"), e.getMessage());
    }
  }

  @Test
  void aPeerThatStopsTakingPartTimesOutNamingThePeer() throws Exception {
    RingOptions options = new RingOptions(1000, 1 << 16, WireFormat.FLOAT32);
    try (RingListener l0 = RingListener.bind(HOST, 0, 0); RingListener l1 = RingListener.bind(HOST, 0, 0)) {
      List<InetSocketAddress> peers = List.of(l0.address(), l1.address());
      Future<Ring> other = threads.submit(() -> Ring.join(1, peers, l1, TOKEN, options, () -> false));
      try (Ring ring = Ring.join(0, peers, l0, TOKEN, options, () -> false); Ring idle = other.get()) {
        CollectiveException e = assertThrows(CollectiveException.class, () -> ring.sum(new float[1000]));
        assertTrue(e.getMessage().contains("rank 1 (" + l1.address() + ") sent nothing"), e.getMessage());
      }
    }
  }

  @Test
  void aConnectionWithAWrongTokenIsRefused() throws Exception {
    RingOptions options = new RingOptions(1500, 1 << 16, WireFormat.FLOAT32);
    try (RingListener l0 = RingListener.bind(HOST, 0, 0); RingListener l1 = RingListener.bind(HOST, 0, 0)) {
      List<InetSocketAddress> peers = List.of(l0.address(), l1.address());
      Future<Ring> genuine = threads.submit(() -> Ring.join(0, peers, l0, TOKEN, options, () -> false));
      byte[] wrong = "another-job".getBytes(StandardCharsets.UTF_8);
      CollectiveException intruder = assertThrows(CollectiveException.class,
          () -> Ring.join(1, peers, l1, wrong, options, () -> false));
      assertTrue(intruder.getMessage().contains("refused: wrong job token"), intruder.getMessage());
      ExecutionException e = assertThrows(ExecutionException.class, genuine::get);
      String message = e.getCause().getMessage();
      assertTrue(message.contains("no connection from rank 1") && message.contains("wrong job token"), message);
    }
  }

  @Test
  void aPortRangeIsHonouredAndATakenPortSkipped() throws Exception {
    try (RingListener first = RingListener.bind(HOST, 0, 0)) {
      int taken = first.address().getPort();
      try (RingListener next = RingListener.bind(HOST, taken, taken + 20)) {
        int port = next.address().getPort();
        assertTrue(port > taken && port <= taken + 20, "port " + port);
      }
      CollectiveException e = assertThrows(CollectiveException.class, () -> RingListener.bind(HOST, taken, taken));
      assertTrue(e.getMessage().contains("no free port on " + HOST + " in " + taken + "-" + taken), e.getMessage());
    }
  }

  private float[][] allreduce(int ranks, float[][] inputs, RingOptions options, int times) throws Exception {
    List<RingListener> listeners = new ArrayList<>();
    List<InetSocketAddress> peers = new ArrayList<>();
    try {
      for (int r = 0; r < ranks; r++) {
        listeners.add(RingListener.bind(HOST, 0, 0));
        peers.add(listeners.get(r).address());
      }
      List<Future<float[]>> results = new ArrayList<>();
      for (int r = 0; r < ranks; r++) {
        int rank = r;
        results.add(threads.submit(() -> {
          float[] data = inputs[rank].clone();
          try (Ring ring = Ring.join(rank, peers, listeners.get(rank), TOKEN, options, () -> false)) {
            for (int t = 0; t < times; t++) {
              ring.sum(data);
            }
          }
          return data;
        }));
      }
      float[][] out = new float[ranks][];
      for (int r = 0; r < ranks; r++) {
        out[r] = results.get(r).get();
      }
      return out;
    } finally {
      listeners.forEach(RingListener::close);
    }
  }

  private static float[][] inputs(int ranks, int n, IntFunction<SplittableRandom> random, boolean integers) {
    float[][] inputs = new float[ranks][n];
    for (int r = 0; r < ranks; r++) {
      SplittableRandom rnd = random.apply(r);
      for (int i = 0; i < n; i++) {
        inputs[r][i] = integers ? rnd.nextInt(-(1 << 20), 1 << 20) : (float) (rnd.nextGaussian() * Math.exp(rnd.nextDouble(-5, 5)));
      }
    }
    return inputs;
  }

  private static float[] sequentialSum(float[][] inputs) {
    float[] sum = new float[inputs[0].length];
    for (float[] in : inputs) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += in[i];
      }
    }
    return sum;
  }
}
