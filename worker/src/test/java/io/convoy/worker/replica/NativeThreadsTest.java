package io.convoy.worker.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * cluster.threads-per-worker reaches every native thread pool a replica uses: ND4J's and its
 * BLAS library's, which ND4J sets to every core when it loads.
 */
class NativeThreadsTest {
  private final int before = Nd4j.factory().blas().getMaxThreads();

  @AfterEach
  void restore() {
    NativeThreads.apply(before);
  }

  @Test
  void theLimitReachesNd4jAndBlas() {
    NativeThreads.apply(2);
    assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    NativeThreads.limit(1);
    assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    assertEquals(1, Nd4j.getEnvironment().maxThreads());
    assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
  }

  /** OpenMP's team size (oneDNN's threads) follows too, on the thread that trains. */
  @Test
  void theLimitReachesOpenMpOnTheCallingThread() {
    NativeThreads.apply(2);
    assertEquals(2, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    NativeThreads.limit(1);
    assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
  }
}
