package io.convoy.worker.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * cluster.threads-per-worker reaches every native thread pool a replica uses: libnd4j's (whose
 * size is fixed when it loads: surefire sets SD_MAX_THREADS as the launchers do, beside
 * OMP_NUM_THREADS=1), its BLAS library's, which ND4J sets to every core when it loads, and OpenMP's.
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
    assertEquals(1, NativeThreads.operationThreads());
    assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
  }

  /**
   * Two threads per worker give libnd4j's operations two threads, not one: OMP_NUM_THREADS=1
   * alone would size libnd4j's pool to 1 for the JVM's life (DL4J M2's setMaxThreads does nothing).
   */
  @Test
  void twoThreadsReachLibnd4jsOperationsUnderOmpNumThreadsOne() {
    assertEquals("1", System.getenv("OMP_NUM_THREADS"));
    assertTrue(NativeThreads.poolSize() >= 2, "libnd4j's pool: " + NativeThreads.poolSize()
        + " threads; SD_MAX_THREADS=" + System.getenv("SD_MAX_THREADS"));
    NativeThreads.apply(2);
    assertEquals(2, NativeThreads.operationThreads());
    assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    NativeThreads.apply(1);
    assertEquals(1, NativeThreads.operationThreads());
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
