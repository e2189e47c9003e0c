/**
 * {@code convoy bench allreduce}: the ring allreduce of {@code io.convoy.worker.collective} alone,
 * between threads of one JVM over loopback TCP, against the bandwidth bound
 * ({@link io.convoy.bench.allreduce.RingBenchmark}). Imported by {@code io.convoy.bench} (the
 * command tree) only.
 */
package io.convoy.bench.allreduce;
