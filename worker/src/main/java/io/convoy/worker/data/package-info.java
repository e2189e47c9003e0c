/**
 * A shard's samples on an executor: their encoded bytes as read through Hadoop
 * ({@link io.convoy.worker.data.ShardReader}, {@link io.convoy.worker.data.EncodedSample}), the seeded
 * {@link io.convoy.worker.data.BatchSchedule} of an epoch, and minibatches decoded and augmented
 * ahead of the replica ({@link io.convoy.worker.data.BatchAssembler},
 * {@link io.convoy.worker.data.BatchPrefetcher}, the decoded-tensor cache). Imports no other
 * worker package.
 */
package io.convoy.worker.data;
