/**
 * One replica's work inside a Spark task: read and cache shard bytes, train k minibatches from
 * the broadcast parameters, evaluate, and report sums that the driver averages. Replicas are
 * built once per executor JVM ({@link io.convoy.worker.ReplicaCache}) and reused every round.
 * A round's local work ({@link io.convoy.worker.LocalRound}) is one Spark-free class that both
 * transports' tasks use ({@link io.convoy.worker.RoundTask}, {@link io.convoy.worker.EpochTask});
 * a round's timings travel as one {@link io.convoy.worker.RoundTimings} to {@code metrics.jsonl}.
 */
package io.convoy.worker;
