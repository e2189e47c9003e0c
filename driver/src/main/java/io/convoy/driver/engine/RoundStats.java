package io.convoy.driver.engine;

import io.convoy.worker.replica.RoundTimings;
import java.util.List;

/**
 * One averaging round, and where its wall time went ({@code timings}, as the transport measured
 * it: task-side times are means over the round's tasks).
 *
 * @param round round number in the run, from 1
 * @param epoch epoch number, from 1
 * @param skipped samples left out of the round's minibatches, as {@code path<TAB>reason}
 */
public record RoundStats(int round, int epoch, double loss, long examples, long batches, double seconds,
    RoundTimings timings, double learningRate, List<String> skipped) {

  /** A round that skipped no sample. */
  public RoundStats(int round, int epoch, double loss, long examples, long batches, double seconds,
      RoundTimings timings, double learningRate) {
    this(round, epoch, loss, examples, batches, seconds, timings, learningRate, List.of());
  }

  public double imagesPerSec() {
    return examples / seconds;
  }
}
