package io.convoy.conf;

import java.io.Serializable;

/**
 * Where and what a run writes.
 *
 * @param dir folder (any Hadoop file system URI) that receives the model and metrics
 * @param report whether the run ends by writing {@code report.html}
 * @param trainMetricsImages training images (a fixed subset, spread over every shard) evaluated
 *     with the eval pipeline after every epoch for train top-1/top-5 beside validation's; 0: none
 */
public record OutputConfig(String dir, boolean report, int trainMetricsImages) implements Serializable {
  /** Training images evaluated per epoch by default. */
  public static final int DEFAULT_TRAIN_METRICS_IMAGES = 10_000;
  /** report.html is written unless {@code output.report = false}. */
  public static final boolean DEFAULT_REPORT = true;

  /** {@code dir} with the defaults: a report, train metrics on up to 10,000 images. */
  public OutputConfig(String dir) {
    this(dir, DEFAULT_REPORT, DEFAULT_TRAIN_METRICS_IMAGES);
  }
}
