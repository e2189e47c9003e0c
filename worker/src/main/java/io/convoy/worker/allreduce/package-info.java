/**
 * The {@code allreduce} transport's tasks: one barrier stage per epoch, each task a replica that
 * averages with the others over {@code collective}'s ring ({@link io.convoy.worker.allreduce.EpochTask}),
 * and rank 0's side channel that reports every round to the driver
 * ({@link io.convoy.worker.allreduce.ProgressProtocol}). Imports {@code replica}, {@code data} and
 * {@code collective}.
 */
package io.convoy.worker.allreduce;
