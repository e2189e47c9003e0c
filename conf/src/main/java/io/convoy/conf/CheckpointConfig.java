package io.convoy.conf;

import java.io.Serializable;

/**
 * Where and how often a training run saves checkpoints it can be resumed from.
 *
 * @param dir folder (any Hadoop file system URI) of the checkpoints, or null for
 *     {@code <output.dir>/checkpoints}
 * @param everyRounds a checkpoint after every this many averaging rounds; 0: none by rounds
 * @param everyEpochs a checkpoint after every this many epochs (after evaluation); 0: none by epochs
 * @param keep how many of the newest checkpoints are kept; older ones are deleted
 * @param modelZip whether each checkpoint also holds a DL4J model.zip (resuming does not need it)
 * @param rollbacks how many times a run whose loss became NaN or infinite goes back to its newest
 *     checkpoint and on at a lower learning rate before it stops; 0: stop at once
 * @param rollbackLrFactor multiplies the learning rate at each such rollback, in (0, 1)
 */
public record CheckpointConfig(String dir, int everyRounds, int everyEpochs, int keep, boolean modelZip,
    int rollbacks, double rollbackLrFactor) implements Serializable {

  /** The checkpoint folder of a run writing its outputs to {@code outputDir}. */
  public String resolvedDir(String outputDir) {
    if (dir != null) {
      return dir;
    }
    return outputDir.endsWith("/") ? outputDir + "checkpoints" : outputDir + "/checkpoints";
  }

  /** Whether any checkpoint is written. */
  public boolean enabled() {
    return everyRounds > 0 || everyEpochs > 0;
  }
}
