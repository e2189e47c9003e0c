/**
 * One training run: {@link io.convoy.driver.train.TrainingRun} sets it up (Spark context, its
 * own or the caller's; dataset plan, shard caches, engine, evaluations, checkpoints), the
 * {@code EpochLoop} trains it epoch by epoch and writes {@code model.zip} and the {@code final}
 * event, {@code Resume} puts a run back where a checkpoint left it, {@code EpochBar} shows each
 * epoch's rounds on the console.
 *
 * <p>Imports {@code checkpoint}, {@code metrics}, {@code engine}, {@code data},
 * {@code modelzip}, {@code report} and {@code common}. Imported by {@code api}, {@code cli} and
 * by module {@code bench}.
 */
package io.convoy.driver.train;
