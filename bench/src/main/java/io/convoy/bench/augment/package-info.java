/**
 * {@code convoy bench augment}: what decoding and augmentation cost training, as images/s of one
 * replica with the pipeline on the loader threads against the same minibatches decoded beforehand
 * ({@link io.convoy.bench.augment.AugmentationBenchmark}). Imported by {@code io.convoy.bench}
 * (the command tree) only.
 */
package io.convoy.bench.augment;
