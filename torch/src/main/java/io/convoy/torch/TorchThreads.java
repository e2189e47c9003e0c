package io.convoy.torch;

import org.bytedeco.pytorch.global.torch;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * libtorch's intra-op threads follow the OpenMP team size that ND4J's oneDNN gets on the calling
 * thread, which the worker's NativeThreads sets on every training thread from
 * cluster.threads-per-worker: replicas x threads then does not oversubscribe the cores on either
 * backend. Not ND4J's Environment.maxThreads: libnd4j only ever lowers it from its start value
 * (1 under OMP_NUM_THREADS=1, as the launcher and the tests run), so it cannot say 2.
 *
 * <p>Through the OpenMP runtime, not {@code at::set_num_threads}: that one also clears libtorch's
 * oneDNN computation cache, so every convolution's primitives are created (compiled) again on the
 * next step; and once it has been called in a process, every new thread's first operation calls it
 * again with the stored count. Spark runs each epoch's tasks on whichever of its pool's threads is
 * free, so an epoch could start with that cost. libtorch and libnd4j load one libgomp (the same
 * soname), so the team size libnd4j sets for this thread is the one libtorch's parallel regions use;
 * only where it is not (another OpenMP runtime) does this fall back to {@code at::set_num_threads}.
 * (The slow epoch-start rounds that remained after this change came from DL4J's validation taking
 * libtorch's freed memory: docs/benchmarks.md, sixth step.)
 */
final class TorchThreads {
  private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

  private TorchThreads() {}

  static void follow() {
    NativeOps nd4j = NativeOpsHolder.getInstance().getDeviceNativeOps();
    int threads = Math.max(1, nd4j.ompGetMaxThreads());
    Integer applied = APPLIED.get();
    if (applied != null && applied == threads) {
      return;
    }
    // The first call on a thread lets libtorch initialize the thread's count (from OMP_NUM_THREADS
    // while at::set_num_threads was never called); then the team size is set again, as libnd4j had it.
    if (torch.get_num_threads() != threads) {
      nd4j.setOmpNumThreads(threads);
      if (torch.get_num_threads() != threads) {
        torch.set_num_threads(threads);
      }
    }
    APPLIED.set(threads);
  }
}
