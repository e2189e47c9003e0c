/**
 * The dataset on the driver's side: the plan of a run's training and validation data
 * ({@link io.convoy.driver.data.DatasetPlan}, its {@code DatasetFingerprint} and
 * {@code DatasetStats}), shard bytes cached on executors ({@code ShardCache}), the budget of
 * samples a run may skip ({@code SkipBudget}), where a run's images come from
 * ({@code TrainingImages}: folders or packs, or a Spark application's rows, {@code RowImages}),
 * the {@code convoy pack} and {@code convoy augment} Spark jobs, and synthetic datasets
 * ({@code SyntheticDataset}).
 *
 * <p>Imports {@code common}. Imported by {@code checkpoint}, {@code train}, {@code api}, {@code scoring},
 * {@code cli} and module {@code bench}.
 */
package io.convoy.driver.data;
