package io.convoy.worker.replica;

import io.convoy.model.NativeVariant;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps ND4J's linear-algebra threads per replica ({@code cluster.threads-per-worker}) so that
 * workers x threads does not oversubscribe the cores; ND4J would otherwise take every core
 * for each replica. The launcher also sets OMP_NUM_THREADS for the same reason.
 */
public final class NativeThreads {
  private static volatile int applied;

  private NativeThreads() {}

  /**
   * ND4J's own threads and its BLAS library's: OpenBLAS keeps a thread count of its own, which
   * ND4J sets to every core when it loads (OMP_NUM_THREADS does not reach it), so without this
   * each replica's dense layers used every core.
   */
  public static void apply(int threads) {
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    openMp(threads);
    applied = threads;
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
