package io.convoy.torch;

import org.bytedeco.pytorch.global.torch;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * libtorch's intra-op threads follow the OpenMP team size that ND4J's oneDNN gets on the calling
 * thread, which the worker's NativeThreads sets on every training thread from
 * cluster.threads-per-worker: replicas x threads then does not oversubscribe the cores on either
 * backend. Not ND4J's Environment.maxThreads: libnd4j only ever lowers it from its start value
 * (1 under OMP_NUM_THREADS=1, as the launcher and the tests run), so it cannot say 2.
 *
 * <p>at::set_num_threads stores a process-wide count and sets the OpenMP team size of the calling
 * thread only; another thread takes the stored count at its first parallel region and keeps it.
 * Setting it on each training thread whenever the count differs keeps every thread right.
 */
final class TorchThreads {
  private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

  private TorchThreads() {}

  static void follow() {
    int threads = Math.max(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    Integer applied = APPLIED.get();
    if (applied == null || applied != threads) {
      // set_num_threads also drops libtorch's oneDNN primitive cache: only when the count changes
      torch.set_num_threads(threads);
      APPLIED.set(threads);
    }
  }
}
