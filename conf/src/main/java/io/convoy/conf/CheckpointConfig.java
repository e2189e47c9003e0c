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
 */
public record CheckpointConfig(String dir, int everyRounds, int everyEpochs, int keep, boolean modelZip)
    implements Serializable {

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
