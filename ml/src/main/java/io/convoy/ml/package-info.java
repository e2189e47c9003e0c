/**
 * convoy as Spark ML stages: {@link io.convoy.ml.ConvoyClassifier}, an {@code Estimator} whose
 * {@code fit} runs {@code convoy train}'s engine on a DataFrame of images (Spark's
 * {@code binaryFile} or {@code image} source), and {@link io.convoy.ml.ConvoyClassificationModel},
 * the {@code Model} it returns, which scores rows as a narrow transformation. Both are
 * {@code MLWritable}/{@code MLReadable}; a saved model's folder holds convoy's {@code model.zip}.
 *
 * <p>The Params ({@code ColumnParams}, {@code TrainingParams}) map onto a {@code ConvoyConfig}
 * through {@code conf}'s loader ({@code JobSettings}), so validation and messages are
 * {@code convoy train}'s. {@code transform} scores through the driver's scoring, as
 * {@code convoy predict} does ({@code TransformPartition}: the per-executor model cache, its
 * batches, the eval pipeline stored in the model). Imports {@code io.convoy.driver.api} (and the
 * records it hands over: {@code modelzip.LoadedModel}, {@code train.TrainingSummary},
 * {@code common}'s exceptions), {@code io.convoy.driver.scoring}, {@code conf}, {@code pipeline},
 * {@code worker}, Spark SQL and ML. Imported by nothing in convoy: Spark applications use it.
 */
package io.convoy.ml;
