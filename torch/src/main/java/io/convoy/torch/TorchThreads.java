package io.convoy.torch;

import org.bytedeco.pytorch.global.torch;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libtorch's intra-op threads follow ND4J's per-replica count (which the worker's NativeThreads
 * sets from cluster.threads-per-worker), so that replicas x threads does not oversubscribe the
 * cores. libtorch's count is global, but the OpenMP team size its kernels (oneDNN's included) start
 * with is a setting of each thread that set_num_threads changes only on the calling thread: set it
 * once on every thread that trains, as NativeThreads does for ND4J's OpenMP.
 */
final class TorchThreads {
  private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

  private TorchThreads() {}

  static void follow() {
    int threads = Math.max(1, Nd4j.getEnvironment().maxThreads());
    Integer applied = APPLIED.get();
    if (applied == null || applied != threads) {
      torch.set_num_threads(threads);
      APPLIED.set(threads);
    }
  }
}
