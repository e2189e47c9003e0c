/**
 * Datasets and images, without Spark or DL4J. {@link io.convoy.pipeline.ImagePipeline} (this
 * package) turns encoded bytes into a network's input tensor with the configured ops; below it,
 * by job: {@code image} (the image and the op contract), {@code codec} (decoding and encoding),
 * {@code ops} (the augmentation ops), {@code dataset} (catalogs, shards, splits),
 * {@code synthetic} (the generated shapes dataset) and {@code pack} (packed datasets). No package
 * imports one above it: image &lt;- codec, ops &lt;- dataset &lt;- synthetic, pack &lt;- this one.
 */
package io.convoy.pipeline;
