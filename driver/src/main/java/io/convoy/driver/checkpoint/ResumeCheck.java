package io.convoy.driver.checkpoint;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigProblem;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.settings.ConfigDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a run may continue from a checkpoint: everything the checkpoint's state
 * depends on (architecture, classes, dataset, image size, pipeline, optimizer, workers, batch
 * size, averaging, seed, engine) must be as it was; what only says how long, where or on what
 * machines to go on, how replicas exchange parameters (the transport), and the base learning
 * rate, may change.
 */
public final class ResumeCheck {
  /**
   * Keys, or key prefixes ending in a dot, that a resumed run may change. {@code optimizer.lr}
   * is among them so that a run that diverged can go on from its last checkpoint at a lower rate.
   */
  static final List<String> HARMLESS = List.of("training.epochs", "output.", "checkpoint.", "cluster.",
      "training.prefetch-batches", "training.transport", "training.allreduce.", "data.max-skipped",
      "optimizer.early-stopping.", "optimizer.lr");

  private ResumeCheck() {}

  /**
   * @throws ConfigException naming every key that differs, with the checkpoint's value, and the
   *     dataset when its catalog changed
   */
  public static void require(Checkpoint checkpoint, ConvoyConfig now, String datasetNow, int imagesNow) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, ConfigDiff.Change> changes = ConfigDiff.between(checkpoint.config(), now);
    for (ConfigDiff.Change change : changes.values()) {
      if (HARMLESS.stream().noneMatch(h -> h.endsWith(".") ? change.key().startsWith(h) : change.key().equals(h))) {
        problems.add(new ConfigProblem(change.key(), change.after(), change.before() + " as in checkpoint "
            + checkpoint.uri() + " (a resumed run cannot change it)"));
      }
    }
    if (problems.isEmpty() && !checkpoint.dataset().equals(datasetNow)) {
      problems.add(new ConfigProblem("data.train", "a dataset whose catalog (" + imagesNow
          + " images) differs from the checkpoint's", "the files, classes and split the checkpoint "
          + checkpoint.uri() + " was trained on (images were added, removed or renamed)"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** The changes a resumed run makes that are allowed, for the log. */
  public static List<String> harmlessChanges(Checkpoint checkpoint, ConvoyConfig now) {
    return ConfigDiff.between(checkpoint.config(), now).values().stream()
        .map(c -> c.key() + ": " + c.before() + " -> " + c.after()).toList();
  }
}
