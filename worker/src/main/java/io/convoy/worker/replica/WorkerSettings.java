package io.convoy.worker.replica;

import java.io.Serializable;

/**
 * How every task of a run uses its executor.
 *
 * @param runId identifies the run, so executor-local state of another run is never reused
 * @param threads ND4J threads per replica ({@code cluster.threads-per-worker})
 * @param loaderThreads threads per executor that decode and augment minibatches ahead
 * @param prefetchBatches minibatches decoded ahead of training per shard (0: none)
 * @param decodedCacheBytes heap per shard for decoded training tensors of a pipeline without
 *     random draws ({@code cluster.decoded-cache-mb}; 0: none)
 */
public record WorkerSettings(String runId, int threads, int loaderThreads, int prefetchBatches,
    long decodedCacheBytes) implements Serializable {}
