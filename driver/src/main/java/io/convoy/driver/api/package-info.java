/**
 * convoy as a library, for Spark applications: {@link io.convoy.driver.api.TrainingJob} trains
 * from a {@code ConvoyConfig} in the application's own SparkContext (or one of its own) on the
 * folders or packs the configuration names, or on rows the application hands over
 * ({@link io.convoy.driver.api.LabelledRows}); {@link io.convoy.driver.api.ModelEvaluation}
 * scores a trained model on a labelled folder or pack; {@link io.convoy.driver.api.ImagePredictor}
 * classifies single images (a facade over {@code scoring}, the one way images become class
 * probabilities). The CLI's {@code train} and {@code evaluate} are thin users of it.
 *
 * <p>Imports {@code train}, {@code engine}, {@code scoring}, {@code data}, {@code modelzip} and
 * {@code common}.
 * Imported by {@code cli} and by code outside the driver (the Spark ML stages of
 * {@code io.convoy.ml}), which should need nothing else of the driver but the records it hands
 * over and {@code scoring} (the per-executor model cache that {@code transform} shares).
 */
package io.convoy.driver.api;
