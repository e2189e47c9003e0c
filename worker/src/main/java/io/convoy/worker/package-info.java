/**
 * One replica's work inside a Spark task: read and cache shard bytes, train k minibatches from
 * the broadcast parameters, evaluate, and report sums that the driver averages. Replicas are
 * built once per executor JVM ({@link io.convoy.worker.ReplicaCache}) and reused every round.
 */
package io.convoy.worker;
