/**
 * Collective communication between the tasks of one barrier stage, without Spark in the data
 * path: a ring of TCP connections ({@link io.convoy.worker.collective.Ring}) joined once with a
 * token handshake, and a chunked, pipelined ring allreduce (reduce-scatter then all-gather)
 * whose summation order is fixed, so every rank ends with bit-identical sums. Nothing here
 * imports Spark; the engine hands in ranks, addresses and the job's token.
 */
package io.convoy.worker.collective;
