/**
 * {@code convoy bench}: the benchmark commands (engines against the dl4j-spark baseline, the
 * allreduce transport, the image pipeline, augmentation in the training loop) and
 * {@link io.convoy.driver.bench.AsShippedRun}, which runs a baseline in a child JVM with DL4J's
 * defaults. Benchmarks measure; they add no behaviour the other commands lack.
 *
 * <p>Imports {@code cli} (shared options, exit statuses), {@code train} and the packages under
 * it. Imported only by {@code io.convoy.driver} (the command tree).
 */
package io.convoy.driver.bench;
