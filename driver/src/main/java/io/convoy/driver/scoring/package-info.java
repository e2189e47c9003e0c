/**
 * Scoring images with a trained model, in this process or in Spark tasks: the one way an
 * encoded image becomes class probabilities ({@link io.convoy.driver.scoring.ImageScorer}, the
 * model's eval pipeline and a batched forward pass), the per-executor-JVM
 * {@link io.convoy.driver.scoring.ModelCache} (a model built once per JVM, however many tasks or
 * rows score with it), lazy batching of a partition's rows
 * ({@link io.convoy.driver.scoring.PartitionScoring}), and {@code convoy predict --data}'s job:
 * a folder or pack scored into a table written with Spark's DataFrame writers
 * ({@link io.convoy.driver.scoring.BatchPrediction}).
 *
 * <p>Imports {@code data}, {@code modelzip} and {@code common}. Imported by {@code cli} (the
 * {@code predict} command, single images and {@code --data}), by {@code api}
 * ({@code ImagePredictor}, its facade for single images) and by what scores DataFrames (module
 * {@code ml}: the Spark ML model's {@code transform}).
 */
package io.convoy.driver.scoring;
