/**
 * The Spark application: the {@code convoy} command line, dataset planning (catalog, split,
 * shards), the rounds of parameter averaging, distributed evaluation and the run's outputs.
 * Only this package creates a SparkContext.
 */
package io.convoy.driver;
