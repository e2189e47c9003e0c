package io.convoy.driver.api;

import io.convoy.pipeline.dataset.Sample;
import io.convoy.worker.data.EncodedSample;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Training images as rows of a Spark application rather than a folder: what {@link TrainingJob}
 * needs to shard them as it shards a folder (see {@code RowImages}).
 *
 * @param root what the rows are, named as the run's dataset (e.g. their common folder)
 * @param classes class names in label order
 * @param keys every row's path (its unique key) and label, collected on the driver
 * @param rows the rows' paths, labels and encoded image bytes (JPEG, PNG or BMP), in any partitioning
 */
public record LabelledRows(String root, List<String> classes, List<Sample> keys, JavaRDD<EncodedSample> rows) {}
