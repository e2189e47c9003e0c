package io.convoy.model.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits a pass over planes into parts that run in parallel, as many as one ND4J operation may use
 * threads ({@code Nd4j.getEnvironment().maxMasterThreads()}, which convoy sets per replica; not
 * {@code maxThreads()}, the size of libnd4j's pool, fixed when it loads), and only where
 * each part has enough work to pay for handing it to another thread.
 */
final class PlaneTasks {
  /** Fewer floats per part than this run on the calling thread alone. */
  static final long MIN_FLOATS_PER_PART = 1 << 16;

  /** Daemon threads shared by every kernel of this JVM; the calling thread runs part 0 itself. */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "convoy-kernels");
    t.setDaemon(true);
    return t;
  });

  /** One part of a pass: planes {@code [from, to)}, with the buffers and sums of part {@code part}. */
  interface Part {
    void run(int part, int from, int to);
  }

  private PlaneTasks() {}

  /** How many parts a pass over {@code planes} planes of {@code hw} floats is split into. */
  static int parts(int planes, int hw, int maxParts) {
    int threads = Math.max(1, Math.min(Nd4j.getEnvironment().maxMasterThreads(), maxParts));
    long byWork = Math.max(1, (long) planes * hw / MIN_FLOATS_PER_PART);
    return (int) Math.min(Math.min(threads, byWork), planes);
  }

  /** Runs {@code task} over {@code planes} split into {@code parts} contiguous ranges. */
  static void run(int planes, int parts, Part task) {
    if (parts == 1) {
      task.run(0, 0, planes);
      return;
    }
    Future<?>[] others = new Future<?>[parts - 1];
    for (int k = 1; k < parts; k++) {
      int part = k;
      others[k - 1] = POOL.submit(() -> task.run(part, start(planes, parts, part), start(planes, parts, part + 1)));
    }
    task.run(0, 0, start(planes, parts, 1));
    for (Future<?> f : others) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while batch-norm kernels ran", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
  }

  private static int start(int planes, int parts, int part) {
    return (int) ((long) planes * part / parts);
  }
}
