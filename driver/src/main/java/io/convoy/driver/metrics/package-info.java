/**
 * {@code metrics.jsonl}: {@link io.convoy.driver.metrics.MetricsLog} writes it, a JSON object a
 * line, and {@link io.convoy.driver.metrics.RunEvents} owns the shape of every event a run
 * writes (start, round, epoch, lr_drop, early_stop, checkpoint, rollback, resume, final).
 *
 * <p>Imports {@code engine} (the round and epoch statistics it reports) and {@code common}.
 * Imported by {@code checkpoint}, {@code train}, {@code cli} and module {@code bench}.
 */
package io.convoy.driver.metrics;
