package io.convoy.worker;

import java.io.Serializable;
import java.util.List;

/**
 * What one task of an allreduce epoch returns. Every replica ends the epoch with the same
 * parameters, so only rank 0 sends them (and the shared optimizer state) and its round reports;
 * every rank sends the samples its minibatches left out, which the ring does not carry.
 *
 * @param rank the task's rank (its shard)
 * @param state rank 0: the parameters and shared updater state after the epoch; others: null
 * @param rounds rank 0: every round of the epoch; others: empty
 * @param skipped samples this rank's minibatches left out, as {@code path<TAB>reason}
 */
public record EpochOutcome(int rank, ModelState state, List<RoundReport> rounds, List<String> skipped)
    implements Serializable {}
