package io.convoy.driver.engine;

import java.util.List;

/**
 * One averaging round, and where its wall time went. Task-side times are means over the
 * round's tasks; {@code overheadSeconds} is the rest of the Spark job beyond the slowest task
 * (scheduling, task and result (de)serialization, treeAggregate).
 *
 * @param round round number in the run, from 1
 * @param epoch epoch number, from 1
 * @param skipped samples left out of the round's minibatches, as {@code path<TAB>reason}
 */
public record RoundStats(int round, int epoch, double loss, long examples, long batches, double seconds,
    double broadcastSeconds, double dataSeconds, double computeSeconds, double overheadSeconds,
    double applySeconds, double learningRate, List<String> skipped) {

  /** A round that skipped no sample. */
  public RoundStats(int round, int epoch, double loss, long examples, long batches, double seconds,
      double broadcastSeconds, double dataSeconds, double computeSeconds, double overheadSeconds,
      double applySeconds, double learningRate) {
    this(round, epoch, loss, examples, batches, seconds, broadcastSeconds, dataSeconds, computeSeconds,
        overheadSeconds, applySeconds, learningRate, List.of());
  }

  public double imagesPerSec() {
    return examples / seconds;
  }
}
