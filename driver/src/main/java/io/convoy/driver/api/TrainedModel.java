package io.convoy.driver.api;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.train.TrainingSummary;
import org.apache.hadoop.conf.Configuration;

/**
 * A finished training run: its summary and a handle on the {@code model.zip} it wrote, read only
 * when asked for (a large network's zip is hundreds of megabytes).
 */
public final class TrainedModel {
  private final TrainingSummary summary;
  private final Configuration hadoop;

  TrainedModel(TrainingSummary summary, Configuration hadoop) {
    this.summary = summary;
    this.hadoop = hadoop;
  }

  /** The run's figures (as in its {@code final} metrics event), final state and skipped samples. */
  public TrainingSummary summary() {
    return summary;
  }

  /** The {@code model.zip} the run wrote, in its output folder. */
  public String modelZip() {
    return summary.outputDir() + "/model.zip";
  }

  /** The trained network with its class names and configuration, read from {@link #modelZip()}. */
  public LoadedModel load() {
    return ModelZip.read(modelZip(), hadoop);
  }
}
