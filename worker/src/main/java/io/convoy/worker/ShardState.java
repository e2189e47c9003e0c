package io.convoy.worker;

import io.convoy.conf.UpdaterStatePolicy;
import io.convoy.model.Replica;

/**
 * What an executor keeps for one shard of one run between rounds: the replica (built once,
 * parameters copied in every round) and the minibatch prefetcher.
 *
 * <p>A retried task must give the round's original result. Parameters and shared updater
 * state come from the broadcast, so only {@code updater-state = local} needs care: the state
 * at the start of a round is kept, and a second attempt at the same round starts from it.
 */
final class ShardState {
  final Replica replica;
  private BatchPrefetcher prefetcher;
  private int startedRound = -1;
  private float[] localStateAtStart;
  private int startedEpochStage = -1;
  private float[] localStateAtStageStart;

  ShardState(Replica replica) {
    this.replica = replica;
  }

  BatchPrefetcher prefetcher(BatchAssembler assembler, BatchSchedule schedule, int shard, int depth, int threads) {
    if (prefetcher == null) {
      prefetcher = new BatchPrefetcher(assembler, schedule, shard, depth, threads);
    }
    return prefetcher;
  }

  /**
   * {@code updater-state = local} under the allreduce transport, where a failed task reruns the
   * whole epoch's stage: the state at the start of the epoch is kept, and a second attempt at
   * the same epoch starts from it.
   */
  void beginLocalEpochStage(int epoch) {
    if (epoch == startedEpochStage) {
      replica.setUpdaterState(localStateAtStageStart);
    } else {
      localStateAtStageStart = replica.updaterState();
      startedEpochStage = epoch;
    }
  }

  /** Prepares the replica's optimizer state for {@code round} under {@code policy}. */
  void beginRound(int round, UpdaterStatePolicy policy, float[] sharedState) {
    switch (policy) {
      case AVERAGE -> replica.setUpdaterState(sharedState);
      case RESET -> replica.resetUpdaterState();
      case LOCAL -> {
        if (round == startedRound) {
          replica.setUpdaterState(localStateAtStart); // an attempt at this round failed here
        } else {
          localStateAtStart = replica.updaterState();
          startedRound = round;
        }
      }
    }
  }
}
