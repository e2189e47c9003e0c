/**
 * The {@code jobs} transport's tasks: one Spark job per round, each task a replica's share
 * ({@link io.convoy.worker.jobs.RoundTask}) whose {@link io.convoy.worker.jobs.RoundResult} sums the
 * driver tree-aggregates; and the DL4J minibatches that the dl4j-spark baseline consumes. Imports
 * {@code replica} and {@code data}.
 */
package io.convoy.worker.jobs;
