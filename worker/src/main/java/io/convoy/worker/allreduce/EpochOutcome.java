package io.convoy.worker.allreduce;

import io.convoy.worker.replica.ModelState;

import java.io.Serializable;
import java.util.List;

/**
 * What one task of an allreduce epoch returns. Every replica ends the epoch with the same
 * parameters, so only rank 0 sends them (and the shared optimizer state) and its round reports;
 * every rank sends the samples its minibatches left out, which the ring does not carry.
 *
 * @param rank the task's rank (its shard)
 * @param state rank 0: the parameters and shared updater state after the epoch, unless its side
 *     channel brought them ({@code channel} is not {@link #NO_CHANNEL}); others: null
 * @param rounds rank 0: every round of the epoch; others: empty
 * @param skipped samples this rank's minibatches left out, as {@code path<TAB>reason}
 * @param channel rank 0: the id its side channel to the driver ended with ({@link ProgressProtocol#END}),
 *     so that the driver can wait until it has read every message before it; {@link #NO_CHANNEL} when
 *     the channel failed (its rounds then come from {@code rounds} alone) and for the other ranks
 */
public record EpochOutcome(int rank, ModelState state, List<RoundReport> rounds, List<String> skipped,
    long channel) implements Serializable {
  public static final long NO_CHANNEL = -1;

  /**
   * This outcome of rank 0 when its side channel ended as {@code channel}: every round went over
   * the channel, and when a round ran, the end state with the last one, which then stays out of
   * the result.
   */
  public EpochOutcome endedOver(long channel) {
    return new EpochOutcome(rank, rounds.isEmpty() ? state : null, rounds, skipped, channel);
  }
}
