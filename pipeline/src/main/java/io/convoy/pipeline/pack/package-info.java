/**
 * Packed datasets ({@code convoy pack}): the images of an ImageNet-style folder stored as
 * Hadoop SequenceFiles of their original encoded bytes, so that a large dataset is a few big
 * files instead of millions of small ones, plus an index of labels, counts and pixel
 * statistics. This package holds the format (file names, keys, index) and the statistics; the
 * Spark jobs that write and read packs live in the driver. Imports neither Spark nor DL4J.
 */
package io.convoy.pipeline.pack;
