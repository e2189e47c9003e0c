/**
 * The dataset on the driver's side: the plan of a run's training and validation data
 * ({@link io.convoy.driver.data.DatasetPlan}, its {@code DatasetFingerprint} and
 * {@code DatasetStats}), shard bytes cached on executors ({@code ShardCache}), the budget of
 * samples a run may skip ({@code SkipBudget}), the {@code convoy pack} and {@code convoy augment}
 * Spark jobs, and synthetic datasets ({@code SyntheticDataset}).
 *
 * <p>Imports {@code common}. Imported by {@code checkpoint}, {@code train}, {@code scoring}, {@code cli} and
 * {@code bench}.
 */
package io.convoy.driver.data;
