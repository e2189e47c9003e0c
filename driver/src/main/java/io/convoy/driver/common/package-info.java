/**
 * What every job of the driver shares: the one place a SparkContext is created
 * ({@link io.convoy.driver.common.SparkContexts}, with the executor memory checks), the output
 * folder written atomically ({@code OutputDir}), the network a configuration names
 * ({@code ModelSpecs}), and the two exceptions every layer may throw: {@code UsageException}
 * (exit status 2) and {@code TrainingDivergedException}.
 *
 * <p>Imports no other driver package. Imported by all of them and by module {@code bench}.
 */
package io.convoy.driver.common;
