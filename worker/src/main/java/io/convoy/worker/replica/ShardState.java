package io.convoy.worker.replica;

import io.convoy.worker.data.BatchAssembler;
import io.convoy.worker.data.BatchPrefetcher;
import io.convoy.worker.data.BatchSchedule;

import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;

/**
 * What an executor keeps for one shard of one run between rounds: the replica (built once,
 * parameters copied in every round) and the minibatch prefetcher (with its assembler, built once).
 *
 * <p>A retried task must give the round's original result. Parameters and shared updater
 * state come from the broadcast, so only {@code updater-state = local} needs care: the state
 * at the start of a round is kept, and a second attempt at the same round starts from it.
 */
public final class ShardState {
  public final Replica replica;
  private BatchPrefetcher prefetcher;
  private final LocalStateGuard roundStart = new LocalStateGuard();
  private final LocalStateGuard epochStageStart = new LocalStateGuard();

  ShardState(Replica replica) {
    this.replica = replica;
  }

  /** The shard's prefetcher, built with its assembler on the first call. */
  BatchPrefetcher prefetcher(ImagePipeline pipeline, BatchSchedule schedule, int shard, WorkerSettings settings) {
    if (prefetcher == null) {
      prefetcher = new BatchPrefetcher(new BatchAssembler(pipeline, schedule.seed(), settings.decodedCacheBytes()),
          schedule, shard, settings.prefetchBatches(), settings.loaderThreads());
    }
    return prefetcher;
  }

  /**
   * {@code updater-state = local} under the allreduce transport, where a failed task reruns the
   * whole epoch's stage: the state at the start of the epoch is kept, and a second attempt at
   * the same epoch starts from it.
   */
  public void beginLocalEpochStage(int epoch) {
    epochStageStart.begin(epoch);
  }

  /**
   * Prepares the replica's optimizer state for {@code round} under {@code policy}.
   *
   * @param sharedState under {@code average}: the state to start from, or null where the replica
   *     holds it already
   */
  void beginRound(int round, UpdaterStatePolicy policy, float[] sharedState) {
    switch (policy) {
      case AVERAGE -> {
        if (sharedState != null) {
          replica.setUpdaterState(sharedState);
        }
      }
      case RESET -> replica.resetUpdaterState();
      case LOCAL -> roundStart.begin(round);
    }
  }

  /** The replica's own optimizer state at the start of a unit a retry repeats (a round, an epoch's stage). */
  private final class LocalStateGuard {
    private int started = -1;
    private float[] atStart;

    /** Keeps the state at the start of {@code unit}; a second attempt at {@code unit} starts from it again. */
    void begin(int unit) {
      if (unit == started) {
        replica.setUpdaterState(atStart); // an attempt at this unit failed after it had begun
      } else {
        atStart = replica.updaterState();
        started = unit;
      }
    }
  }
}
