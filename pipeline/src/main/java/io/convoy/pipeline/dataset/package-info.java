/**
 * Datasets as lists of samples: the {@link io.convoy.pipeline.dataset.Catalog} of an
 * ImageNet-style folder (listed through the Hadoop FileSystem API, with the files that are not
 * images skipped and said why), class-balanced {@link io.convoy.pipeline.dataset.Sharder shards},
 * stable hashes for reproducible splits, output paths and the IDX (MNIST) import. Imports
 * {@code codec} (the header check) only.
 */
package io.convoy.pipeline.dataset;
