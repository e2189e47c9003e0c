package io.convoy.driver.checkpoint;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.driver.common.TrainingDivergedException;
import io.convoy.driver.engine.TrainingEngine;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.metrics.RunEvents;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.worker.replica.ModelState;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * When a training run writes checkpoints, and what into them: after every
 * {@code checkpoint.every-rounds} rounds and every {@code checkpoint.every-epochs} epochs
 * (after the epoch's evaluation), keeping the newest {@code checkpoint.keep}. Engines that
 * cannot resume get none.
 *
 * <p>For tests of resuming, the Spark setting {@code spark.convoy.test.stop-after-round=N}
 * stops the run with an error right after round N (and its checkpoint, if one is due), as a
 * crash of the driver would.
 */
public final class Checkpointing {
  public static final String STOP_AFTER_ROUND = "spark.convoy.test.stop-after-round";

  private final CheckpointStore store;
  private final ConvoyConfig config;
  private final ModelSpec spec;
  private final List<String> labels;
  private final String dataset;
  private final MetricsLog metrics;
  private final PrintWriter console;
  private final boolean enabled;
  private final int stopAfterRound;
  /** The network model.zip files are written through, built at the first checkpoint. */
  private Replica saver;
  private int rollbacks;

  public Checkpointing(CheckpointStore store, ConvoyConfig config, ModelSpec spec, List<String> labels, String dataset,
      MetricsLog metrics, PrintWriter console, TrainingEngine engine, SparkConf spark) {
    this.store = store;
    this.config = config;
    this.spec = spec;
    this.labels = labels;
    this.dataset = dataset;
    this.metrics = metrics;
    this.console = console;
    this.enabled = config.checkpoint().enabled() && engine.resumable();
    this.stopAfterRound = spark.getInt(STOP_AFTER_ROUND, -1);
    if (config.checkpoint().enabled() && !engine.resumable()) {
      console.printf("convoy: no checkpoints: training.engine = %s cannot resume%n",
          config.training().engine().configName());
    }
  }

  /**
   * Before the first round of a fresh run that may roll back: a checkpoint of the initial state,
   * so that even a divergence in the first rounds has one to go back to.
   */
  public void atStart(RunProgress progress, TrainingEngine engine) {
    if (enabled && config.checkpoint().rollbacks() > 0 && progress.rounds == 0) {
      write(progress, engine.state(), "initialization");
    }
  }

  /** After a round has been averaged and logged. */
  public void afterRound(RunProgress progress, TrainingEngine engine) {
    int every = config.checkpoint().everyRounds();
    if (enabled && every > 0 && progress.rounds % every == 0) {
      ModelState state = engine.stateAfterRound(progress.rounds);
      if (state != null) {
        write(progress, state, "round " + progress.rounds);
      }
    }
    if (progress.rounds == stopAfterRound) {
      throw new IllegalStateException("stopped after round " + stopAfterRound + " (" + STOP_AFTER_ROUND + ")");
    }
  }

  /** After an epoch has been evaluated and the plateau and early-stopping decisions made. */
  public void afterEpoch(RunProgress progress, TrainingEngine engine) {
    int every = config.checkpoint().everyEpochs();
    if (enabled && every > 0 && progress.epoch % every == 0) {
      write(progress, engine.state(), "epoch " + progress.epoch);
    }
  }

  private Replica saver(ModelState state) {
    if (saver == null) {
      saver = Replica.withParameters(spec, state.parameters());
    }
    return saver;
  }

  /**
   * After the loss became non-finite: a checkpoint to go back to, with {@code progress} set back
   * to it and its learning-rate factor lowered, when {@code checkpoint.rollbacks} allows another
   * rollback; otherwise rethrows {@code diverged}. The first rollback takes the newest checkpoint,
   * each further one the one before the last one taken (kept ones permitting): a checkpoint
   * whose own parameters already give a non-finite loss cannot be saved by any learning rate.
   */
  public Checkpoint rollBack(TrainingDivergedException diverged, RunProgress progress) {
    if (!enabled || rollbacks >= config.checkpoint().rollbacks()) {
      throw diverged;
    }
    CheckpointStore.Loaded loaded = store.valid(rollbacks, w -> console.println("convoy: warning: " + w));
    if (loaded == null) {
      throw diverged;
    }
    rollbacks++;
    Checkpoint checkpoint = Checkpoint.read(loaded);
    double factor = progress.rollbackFactor * config.checkpoint().rollbackLrFactor();
    progress.rollBackTo(checkpoint.progress(), factor);
    metrics.write(RunEvents.rollback(checkpoint.uri(), progress.rounds, factor, diverged.getMessage()));
    console.printf("convoy: warning: %s; going back to %s (round %d) with the learning rate x %s (rollback %d of %d)%n",
        diverged.getMessage(), checkpoint.uri(), progress.rounds, factor, rollbacks, config.checkpoint().rollbacks());
    return checkpoint;
  }

  private void write(RunProgress progress, ModelState state, String when) {
    long start = System.nanoTime();
    ModelZip.requireFinite(state, "after " + when);
    String uri = store.write(Checkpoint.files(progress, state, ConfigRenderer.render(config), dataset,
        metrics.written(), config.checkpoint().modelZip() ? ModelZip.writer(config, saver(state), state, labels) : null),
        config.checkpoint().keep());
    metrics.write(RunEvents.checkpoint(progress.rounds, progress.epoch, progress.batchesDone, uri,
        (System.nanoTime() - start) / 1e9));
  }
}
