package io.convoy.worker;

import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replicas of this executor JVM, built once and reused by every round. One per (model, shard):
 * tasks of different shards may run at once in one JVM, and with {@code updater-state = local}
 * a shard keeps its own optimizer state. The cache is an optimization only: the driver sends
 * parameters (and shared updater state) every round, so a rebuilt replica gives the same result.
 */
public final class ReplicaCache {
  private record Key(ModelSpec spec, int shard) {}

  private static final Map<Key, Replica> REPLICAS = new ConcurrentHashMap<>();
  private static final AtomicInteger BUILT = new AtomicInteger();

  private ReplicaCache() {}

  /** The shard's replica, built (holding {@code parameters}) if this JVM has none yet. */
  public static Replica get(ModelSpec spec, int shard, float[] parameters) {
    return REPLICAS.computeIfAbsent(new Key(spec, shard), k -> {
      BUILT.incrementAndGet();
      return Replica.withParameters(spec, parameters);
    });
  }

  /** Number of replicas ever built in this JVM (for tests and diagnostics). */
  public static int built() {
    return BUILT.get();
  }
}
