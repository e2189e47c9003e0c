package io.convoy.driver.train;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.MetricName;
import io.convoy.driver.checkpoint.Checkpoint;
import io.convoy.driver.checkpoint.CheckpointStore;
import io.convoy.driver.checkpoint.ResumeCheck;
import io.convoy.driver.checkpoint.RunProgress;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.DatasetPlan;
import io.convoy.driver.engine.TrainingEngine;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.metrics.RunEvents;
import io.convoy.model.optim.EarlyStopping;
import io.convoy.model.optim.PlateauTracker;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** {@code convoy train --resume}: finds the checkpoint, checks it fits, and puts the run back where it was. */
public final class Resume {
  private Resume() {}

  /**
   * The newest valid checkpoint in {@code dir}, checked against this run's configuration and
   * dataset.
   *
   * @throws UsageException when there is none
   * @throws io.convoy.conf.ConfigException when the configuration or dataset differs in what the
   *     checkpoint depends on
   */
  static Checkpoint load(String dir, Configuration hadoop, ConvoyConfig config, String dataset, DatasetPlan plan,
      PrintWriter console) {
    CheckpointStore store = new CheckpointStore(dir, hadoop);
    CheckpointStore.Loaded loaded = store.newestValid(w -> console.println("convoy: warning: " + w));
    if (loaded == null) {
      throw new UsageException("--resume: no valid checkpoint in " + store.uri()
          + " (a run writes them with checkpoint.every-epochs or checkpoint.every-rounds)");
    }
    Checkpoint checkpoint = Checkpoint.read(loaded);
    ResumeCheck.require(checkpoint, config, dataset, plan.train().samples().size() + plan.val().samples().size());
    List<String> changes = ResumeCheck.harmlessChanges(checkpoint, config);
    if (!changes.isEmpty()) {
      console.println("convoy: resuming with changed settings: " + String.join("; ", changes));
    }
    return checkpoint;
  }

  /** The configuration of the newest valid checkpoint in {@code dir}, with {@code overrides} on top. */
  public static ConvoyConfig configOf(String dir, Configuration hadoop, PrintWriter console, List<String> overrides) {
    CheckpointStore store = new CheckpointStore(dir, hadoop);
    CheckpointStore.Loaded loaded = store.newestValid(w -> console.println("convoy: warning: " + w));
    if (loaded == null) {
      throw new UsageException("--resume: no valid checkpoint in " + store.uri()
          + " (a run writes them with checkpoint.every-epochs or checkpoint.every-rounds)");
    }
    return ConfigLoader.load(new String(loaded.read(Checkpoint.CONFIG), StandardCharsets.UTF_8),
        loaded.uri() + "/" + Checkpoint.CONFIG, overrides);
  }

  /** Puts the checkpoint's state into the engine. */
  static void restore(TrainingEngine engine, Checkpoint checkpoint) {
    if (!engine.resumable()) {
      throw new UsageException("--resume: this training.engine cannot resume from a checkpoint");
    }
    RunProgress p = checkpoint.progress();
    engine.restore(checkpoint.state(), p.epoch, p.batchesDone);
  }

  /** Writes the checkpoint's metrics lines to the new {@code metrics.jsonl}, then a {@code resume} event. */
  static void continueMetrics(MetricsLog metrics, Checkpoint checkpoint, PrintWriter console) {
    RunProgress p = checkpoint.progress();
    metrics.writeLines(checkpoint.metrics());
    metrics.write(RunEvents.resume(checkpoint.uri(), p.rounds, p.epoch, p.batchesDone));
    console.printf("convoy: resuming from %s after round %d (epoch %d, %d minibatches of it done)%n",
        checkpoint.uri(), p.rounds, p.epoch + 1, p.batchesDone);
  }

  /**
   * Replays the evaluations of the epochs done into the plateau and early-stopping trackers, so
   * that they decide from now on as they would have, and sets the learning-rate factor.
   */
  static void replay(RunProgress progress, PlateauTracker plateau, EarlyStopping earlyStopping,
      TrainingEngine engine, OptimizerConfig optimizer) {
    for (double[] e : progress.evaluations) {
      if (plateau != null) {
        plateau.observe(metric(e, optimizer.schedule().plateau().metric()));
      }
      earlyStopping.observe(metric(e, optimizer.earlyStopping().metric()));
    }
    double factor = (plateau != null ? plateau.factor() : 1) * progress.rollbackFactor;
    if (factor != 1) {
      engine.setLearningRateFactor(factor);
    }
  }

  private static double metric(double[] evaluation, MetricName name) {
    return switch (name) {
      case VAL_LOSS -> evaluation[0];
      case VAL_TOP1 -> evaluation[1];
      case VAL_TOP5 -> evaluation[2];
    };
  }
}
