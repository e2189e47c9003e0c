package io.convoy.conf;

import java.io.Serializable;

/**
 * Where and what a run writes.
 *
 * @param dir folder (any Hadoop file system URI) that receives the model and metrics
 * @param report whether the run ends by writing {@code report.html}
 * @param trainMetrics whether every epoch also evaluates the training set (eval pipeline) for
 *     train top-1/top-5 beside validation's
 */
public record OutputConfig(String dir, boolean report, boolean trainMetrics) implements Serializable {
  /** {@code dir} with the report and train metrics on (the defaults). */
  public OutputConfig(String dir) {
    this(dir, true, true);
  }
}
