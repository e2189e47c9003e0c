/**
 * One replica's state and local work, the same under both transports: the per-JVM
 * {@link io.convoy.worker.replica.ReplicaCache} of {@link io.convoy.worker.replica.ShardState}s, a
 * round's Spark-free {@link io.convoy.worker.replica.LocalRound} and its
 * {@link io.convoy.worker.replica.RoundTimings}, the broadcast {@link io.convoy.worker.replica.ModelState},
 * evaluation, and how a task uses its executor (threads, GPU, injected faults for tests). Imports
 * {@code data}.
 */
package io.convoy.worker.replica;
