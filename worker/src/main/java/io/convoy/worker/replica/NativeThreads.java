package io.convoy.worker.replica;

import io.convoy.model.NativeVariant;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps a replica's native threads ({@code cluster.threads-per-worker}) so that workers x threads
 * does not oversubscribe the cores. Three pools run a replica's work, each set its own way:
 * <ul>
 *   <li>libnd4j's own operations (element-wise, reductions, im2col, ...) run on its thread pool,
 *       at most {@code Environment.maxMasterThreads} threads per operation. The pool's size
 *       ({@code Environment.maxThreads}) is fixed when libnd4j loads: {@code SD_MAX_THREADS},
 *       else {@code OMP_NUM_THREADS}, else the cores. In DL4J 1.0.0-M2 {@code setMaxThreads}
 *       does nothing and {@code setMaxMasterThreads} cannot go above the pool, so under the
 *       launchers' {@code OMP_NUM_THREADS=1} alone every operation ran on one thread whatever
 *       this asked for: the launchers, surefire and {@code spark.executorEnv} set
 *       {@code SD_MAX_THREADS} to the cores (see {@link #poolSize()});</li>
 *   <li>OpenBLAS (dense layers, ND4J's gemm) keeps a thread count of its own, which ND4J sets
 *       to every core when it loads and which {@code OMP_NUM_THREADS} does not reach;</li>
 *   <li>OpenMP's team size, which oneDNN's convolutions run with: per thread, see {@link #limit}.</li>
 * </ul>
 */
public final class NativeThreads {
  private static volatile int applied;

  private NativeThreads() {}

  /** libnd4j's and OpenBLAS's threads per operation (process-wide), and OpenMP's on this thread. */
  public static void apply(int threads) {
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    openMp(threads);
    applied = threads;
  }

  /**
   * The size of libnd4j's thread pool, fixed when it loaded: the most threads one operation can
   * get, whatever {@link #apply} asks for.
   */
  public static int poolSize() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /** The threads one libnd4j operation runs on: {@link #apply}'s count, capped by {@link #poolSize()}. */
  public static int operationThreads() {
    return Nd4j.getEnvironment().maxMasterThreads();
  }

  /**
   * OpenMP's team size, which oneDNN's convolutions run with. It is a per-thread setting that
   * OMP_NUM_THREADS (1 from the launchers) only initializes, so it is set on every thread that
   * trains: without it, threads-per-worker = 2 gave ND4J two threads and oneDNN one.
   */
  private static void openMp(int threads) {
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }

  /**
   * What every task that runs a network calls first, on its own thread: the native build, the
   * task's GPU, and {@code threads} linear-algebra threads (applied once per JVM, OpenMP's per thread).
   */
  public static void limit(int threads) {
    // First ND4J use in an executor task: pick the native build for this executor's CPU.
    NativeVariant.select();
    // Per task, not per JVM: ND4J's device is the thread's, and Spark may give each task another GPU.
    GpuBinding.bindCurrentTask();
    if (applied != threads) {
      synchronized (NativeThreads.class) {
        if (applied != threads) {
          apply(threads);
        }
      }
    }
    openMp(threads); // this task's thread, which may not be the one that applied the rest
  }
}
