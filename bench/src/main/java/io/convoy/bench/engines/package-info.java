/**
 * {@code convoy bench engines}: the same job trained by every engine (single-process DL4J, convoy
 * over both transports and averaging modes, dl4j-spark's parameter averaging) with images/s, the
 * ratio to single-process and validation top-1. {@link io.convoy.bench.engines.SingleProcessTraining}
 * is the single-process baseline; {@link io.convoy.bench.engines.AsShippedRun} runs dl4j-spark in a
 * child JVM with DL4J's own defaults. Imported by {@code io.convoy.bench} (the command tree) only.
 */
package io.convoy.bench.engines;
