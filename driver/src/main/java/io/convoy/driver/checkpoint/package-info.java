/**
 * Checkpoints of a training run: when they are written and what they hold
 * ({@link io.convoy.driver.checkpoint.Checkpointing}), the folder of checkpoints with their
 * checksums ({@code CheckpointStore}), one checkpoint's files ({@code Checkpoint}), the run's
 * counters a checkpoint keeps ({@code RunProgress}), and whether one may resume a changed job
 * ({@code ResumeCheck}). Rollbacks after a divergence go back to one.
 *
 * <p>Imports {@code metrics}, {@code engine} (the engine's state), {@code modelzip},
 * {@code data} (the dataset fingerprint) and {@code common}. Imported by {@code train}.
 */
package io.convoy.driver.checkpoint;
