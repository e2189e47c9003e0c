package io.convoy.driver.train;

import io.convoy.worker.replica.ModelState;
import java.util.List;

/**
 * The figures of a finished run, as in its {@code final} metrics event, and its final state.
 *
 * @param skipped every sample the run left out, as {@code path<TAB>reason} (what {@code skipped.txt}
 *     lists): files the catalog or the header check refused, then samples that failed while training
 */
public record TrainingSummary(double valTop1, double valTop5, double valLoss, int epochs, double imagesPerSec,
    double wallSeconds, String outputDir, ModelState finalState, List<String> skipped) {

  public TrainingSummary {
    skipped = List.copyOf(skipped);
  }
}
