package io.convoy.worker.replica;

import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shards' state in this executor JVM, built once per (run, shard) and reused by every
 * round. Tasks of different shards may run at once in one JVM. An executor serves one Spark
 * application, so state of an earlier run (local mode, tests) is dropped when a new run starts.
 * The cache is an optimization only: the driver sends parameters (and shared updater state)
 * every round, so a rebuilt replica gives the same result, except that {@code local} updater
 * state starts again from zero on a new executor.
 */
public final class ReplicaCache {
  private record Key(String runId, int shard) {}

  private static final Map<Key, ShardState> SHARDS = new ConcurrentHashMap<>();
  private static final AtomicInteger BUILT = new AtomicInteger();

  private ReplicaCache() {}

  /** The shard's state, with a replica built from {@code parameters} if this JVM has none yet. */
  public static ShardState shard(String runId, ModelSpec spec, int shard, float[] parameters) {
    Key key = new Key(runId, shard);
    ShardState state = SHARDS.get(key);
    if (state != null) {
      return state;
    }
    SHARDS.keySet().removeIf(k -> !k.runId().equals(runId));
    return SHARDS.computeIfAbsent(key, k -> {
      BUILT.incrementAndGet();
      return new ShardState(Replica.withParameters(spec, parameters));
    });
  }

  /** Number of replicas ever built in this JVM (for tests and diagnostics). */
  public static int built() {
    return BUILT.get();
  }
}
