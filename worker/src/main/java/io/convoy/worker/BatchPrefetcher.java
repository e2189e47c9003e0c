package io.convoy.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and augments a shard's next minibatches on background threads while the replica
 * trains, including the first minibatches of the next round, so that a round's data is
 * usually ready when its task starts. A minibatch depends only on (seed, epoch, shard, index),
 * so a prefetched one is exactly what would have been decoded on demand. One per shard; used
 * by one task at a time. Public for the baselines of module {@code bench}.
 */
public final class BatchPrefetcher {
  private static final Map<Integer, ExecutorService> POOLS = new HashMap<>();

  private final BatchAssembler assembler;
  private final BatchSchedule schedule;
  private final int shard;
  private final int depth;
  private final ExecutorService pool;
  private final Map<Long, Future<BatchAssembler.Batch>> pending = new HashMap<>();

  public BatchPrefetcher(BatchAssembler assembler, BatchSchedule schedule, int shard, int depth, int threads) {
    this.assembler = assembler;
    this.schedule = schedule;
    this.shard = shard;
    this.depth = depth;
    this.pool = depth == 0 ? null : pool(threads);
  }

  /** Loader threads shared by every shard of this JVM: daemons, so they never keep it alive. */
  private static synchronized ExecutorService pool(int threads) {
    return POOLS.computeIfAbsent(threads, n -> {
      AtomicInteger count = new AtomicInteger();
      return Executors.newFixedThreadPool(n, r -> {
        Thread t = new Thread(r, "convoy-loader-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    });
  }

  /**
   * Minibatch {@code batch} of {@code epoch}: the prefetched one, or decoded now. Then queues
   * the following {@code depth} minibatches (into the next epoch, if there is one).
   */
  public BatchAssembler.Batch take(List<EncodedSample> samples, int epoch, int batch) {
    Future<BatchAssembler.Batch> ready = pending.remove(key(epoch, batch));
    BatchAssembler.Batch result;
    if (ready != null) {
      result = await(ready);
    } else {
      result = decode(samples, epoch, batch);
    }
    ahead(samples, epoch, batch);
    return result;
  }

  private void ahead(List<EncodedSample> samples, int epoch, int batch) {
    if (pool == null) {
      return;
    }
    int e = epoch;
    int b = batch;
    for (int i = 0; i < depth; i++) {
      if (++b == schedule.batchesPerEpoch()) {
        b = 0;
        e++;
      }
      if (e >= schedule.epochs()) {
        break;
      }
      int fe = e;
      int fb = b;
      pending.computeIfAbsent(key(e, b), k -> pool.submit(() -> decode(samples, fe, fb)));
    }
    // Anything left behind (a retried or skipped position) is dropped, bounding memory.
    pending.keySet().removeIf(k -> k < key(epoch, batch));
  }

  private BatchAssembler.Batch decode(List<EncodedSample> samples, int epoch, int batch) {
    return assembler.assemble(samples, schedule.batch(epoch, shard, samples.size(), batch), epoch);
  }

  private static BatchAssembler.Batch await(Future<BatchAssembler.Batch> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a minibatch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("decoding a minibatch failed: " + e.getCause(), e.getCause());
    }
  }

  private static long key(int epoch, int batch) {
    return ((long) epoch << 32) | batch;
  }
}
