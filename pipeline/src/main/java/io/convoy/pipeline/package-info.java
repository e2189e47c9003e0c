/**
 * Datasets and images: the {@link io.convoy.pipeline.Catalog} of an ImageNet-style folder
 * (listed through the Hadoop FileSystem API), class-balanced {@link io.convoy.pipeline.Sharder
 * shards}, image decoding behind {@link io.convoy.pipeline.ImageDecoder}, the preprocessing
 * {@link io.convoy.pipeline.ImagePipeline} and a synthetic {@link io.convoy.pipeline.ShapesGenerator
 * shapes dataset}. Imports neither Spark nor DL4J.
 */
package io.convoy.pipeline;
