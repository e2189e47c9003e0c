package io.convoy.driver.train;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.MetricName;
import io.convoy.conf.names.ScheduleName;
import io.convoy.conf.names.TransportName;
import io.convoy.driver.checkpoint.Checkpoint;
import io.convoy.driver.checkpoint.Checkpointing;
import io.convoy.driver.checkpoint.RunProgress;
import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.TrainingDivergedException;
import io.convoy.driver.data.DatasetPlan;
import io.convoy.driver.data.SkipBudget;
import io.convoy.driver.engine.EpochStats;
import io.convoy.driver.engine.Evaluation;
import io.convoy.driver.engine.RoundStats;
import io.convoy.driver.engine.TrainingEngine;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.metrics.RunEvents;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.BackendChoice;
import io.convoy.model.ModelSpec;
import io.convoy.model.NativeVariant;
import io.convoy.model.optim.EarlyStopping;
import io.convoy.model.optim.PlateauTracker;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.replica.ModelState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The epochs of a training run as {@link TrainingRun} set it up: rounds through the engine (with
 * checkpoints and rollbacks after a divergence), evaluation, the plateau and early-stopping
 * decisions, and at the end {@code model.zip} and the {@code final} event.
 */
final class EpochLoop {
  /** What the loop works with, as the run set it up. */
  record Setup(ConvoyConfig config, JavaSparkContext sc, OutputDir out, DatasetPlan plan, ModelSpec spec,
      BackendChoice backend, TrainingEngine engine, Evaluation evaluation, Evaluation trainEvaluation, int roundsPerEpoch,
      List<SkippedFile> skipped, Checkpoint resumed) {}

  private final Setup run;
  private final ConvoyConfig config;
  private final TrainingEngine engine;
  private final OptimizerConfig optimizer;
  private final MetricsLog metrics;
  private final Checkpointing checkpoints;
  private final TaskTimeListener taskTimes;
  private final PrintWriter console;
  private final EpochBar.Mode progressMode;
  private final RunProgress progress;
  private final SkipBudget skips;
  private PlateauTracker plateau;
  private EarlyStopping earlyStopping;

  EpochLoop(Setup run, MetricsLog metrics, Checkpointing checkpoints, TaskTimeListener taskTimes, PrintWriter console,
      EpochBar.Mode progressMode) {
    this.run = run;
    this.config = run.config();
    this.engine = run.engine();
    this.optimizer = config.optimizer();
    this.metrics = metrics;
    this.checkpoints = checkpoints;
    this.taskTimes = taskTimes;
    this.console = console;
    this.progressMode = progressMode;
    this.progress = run.resumed() == null ? new RunProgress() : run.resumed().progress();
    progress.seed = config.training().seed();
    this.skips = new SkipBudget(run.out(), console, config.data().maxSkipped(),
        run.skipped().stream().map(s -> s.path() + "\t" + s.reason()).toList(), progress.skipped);
  }

  TrainingSummary run(long wallStart) {
    var training = config.training();
    start();
    resetDecisions();
    int batchesPerEpoch = (int) run.spec().plan().stepsPerEpoch();
    checkpoints.atStart(progress, engine);
    EvalResult eval = null;
    for (int epoch = progress.epoch; epoch < training.epochs() && !progress.stopped; epoch++) {
      EpochStats engineStats = trainEpoch(epoch, batchesPerEpoch);
      if (engineStats == null) { // rolled back to a checkpoint: go on from its epoch
        epoch = progress.epoch - 1;
        continue;
      }
      skips.record(engineStats.skipped(), "epoch " + (epoch + 1) + " training");
      progress.skipped = skips.lines();
      eval = evaluateEpoch(epoch, engineStats);
      decide(epoch, eval);
      checkpoints.afterEpoch(progress, engine);
    }
    if (eval == null) { // resumed after the last evaluation: evaluate the final state again
      eval = run.evaluation().evaluate(engine.state().parameters(), "final validation");
    }
    return finish(eval, wallStart);
  }

  /** The {@code start} event (or the resumed run's earlier lines) and the run's description on the console. */
  private void start() {
    var training = config.training();
    var averaging = training.averaging();
    ModelSpec spec = run.spec();
    int k = engine.batchesPerRound();
    int parameters = engine.state().parameters().length;
    String nativeBuild = NativeVariant.loaded();
    JavaSparkContext sc = run.sc();
    if (run.resumed() != null) {
      Resume.continueMetrics(metrics, run.resumed(), console);
    } else {
      metrics.write(RunEvents.start(config, sc.master(), engine.transport(), spec, run.backend(), parameters,
          run.plan().train().samples().size(), run.plan().val().samples().size(), run.skipped().size(), k,
          nativeBuild));
    }
    console.printf("convoy: training %s (%,d parameters) on %,d images in %d classes; %d workers on %s, "
            + "%s averaging every %d minibatches of %d, updater state %s; engine %s, natives %s%n",
        spec.arch(), parameters, run.plan().train().samples().size(), spec.classes(),
        training.workers(), sc.master(), averaging.mode().configName(), k, training.batchSize(),
        averaging.updaterState().configName(),
        training.engine().configName() + (engine.transport() == TransportName.ALLREDUCE ? " over ring allreduce" : ""),
        nativeBuild);
    console.printf("convoy: gradients computed by %s (%s)%n", run.backend().backend().configName(),
        run.backend().reason());
    // Local replicas train in this JVM: say once that the CUDA build is on the CPU here (cluster
    // executors given a GPU refuse to, see GpuBinding).
    String cudaFallback = sc.isLocal() ? NativeVariant.cudaFallback() : null;
    if (cudaFallback != null) {
      console.printf("convoy: warning: %s%n", cudaFallback);
    }
  }

  /** Fresh plateau and early-stopping trackers, replayed over the evaluations {@code progress} holds. */
  private void resetDecisions() {
    plateau = optimizer.schedule().name() == ScheduleName.PLATEAU ? PlateauTracker.of(run.spec()) : null;
    earlyStopping = EarlyStopping.of(optimizer.earlyStopping());
    Resume.replay(progress, plateau, earlyStopping, engine, optimizer);
  }

  /**
   * The rounds of {@code epoch}: the engine's totals, or null after a divergence rolled the run
   * back to a checkpoint (rethrown where {@code checkpoint.rollbacks} allows no rollback).
   */
  private EpochStats trainEpoch(int epoch, int batchesPerEpoch) {
    int k = engine.batchesPerRound();
    EpochBar bar = new EpochBar(progressMode, console, System.out, epoch + 1, config.training().epochs(),
        run.roundsPerEpoch());
    EpochStats engineStats;
    try {
      engineStats = engine.epoch(epoch, r -> {
        bar.round(r);
        afterRound(r, k, batchesPerEpoch);
      });
    } catch (TrainingDivergedException diverged) {
      bar.close();
      Checkpoint back = checkpoints.rollBack(diverged, progress); // rethrows unless configured
      engine.restore(back.state(), progress.epoch, progress.batchesDone);
      resetDecisions();
      return null;
    }
    // Not in finally: a failed epoch ends the run, and its error line follows the bar as it stood.
    bar.close();
    return engineStats;
  }

  private void afterRound(RoundStats r, int k, int batchesPerEpoch) {
    metrics.write(RunEvents.round(r));
    requireFinite(r.loss(), r.round());
    if (!r.skipped().isEmpty()) {
      skips.record(r.skipped(), "round " + r.round());
      progress.skipped = skips.lines();
    }
    progress.roundDone(r, k, batchesPerEpoch);
    checkpoints.afterRound(progress, engine);
  }

  /** Validation (and training-set metrics where asked for), the {@code epoch} event and its console line. */
  private EvalResult evaluateEpoch(int epoch, EpochStats engineStats) {
    long evalStart = System.nanoTime();
    EvalResult eval = run.evaluation().evaluate(engine.state().parameters(), "epoch " + (epoch + 1) + " validation");
    skips.record(eval.skipped(), "epoch " + (epoch + 1) + " validation");
    progress.skipped = skips.lines();
    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
    EpochStats stats = progress.epochDone(engineStats, config.training().workers(), eval);
    int rounds = progress.rounds;
    EvalResult onTrain = null;
    double trainEvalSeconds = 0;
    if (run.trainEvaluation() != null) {
      long trainEvalStart = System.nanoTime();
      onTrain = run.trainEvaluation().evaluate(engine.state().parameters(),
          "epoch " + (epoch + 1) + " training-set metrics");
      trainEvalSeconds = (System.nanoTime() - trainEvalStart) / 1e9;
    }
    metrics.write(RunEvents.epoch(epoch + 1, rounds, stats, eval, evalSeconds, onTrain, trainEvalSeconds));
    console.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  val top-1 %.4f  top-5 %.4f  loss %.4f  %.0f images/s%n",
        epoch + 1, config.training().epochs(), stats.meanLoss(), eval.top1(), eval.top5(), eval.loss(),
        stats.examples() / stats.seconds());
    requireFinite(stats.meanLoss(), rounds);
    return eval;
  }

  /** The plateau schedule's learning-rate drop and early stopping, from this epoch's validation. */
  private void decide(int epoch, EvalResult eval) {
    if (plateau != null) {
      double before = plateau.factor();
      double factor = plateau.observe(metric(eval, optimizer.schedule().plateau().metric()));
      engine.setLearningRateFactor(factor * progress.rollbackFactor);
      if (factor != before) {
        metrics.write(RunEvents.lrDrop(epoch + 1, factor));
        console.printf(Locale.ROOT, "convoy: %s has not improved for %d epochs: learning rate x %.4g%n",
            optimizer.schedule().plateau().metric().configName(), optimizer.schedule().plateau().patience() + 1,
            factor);
      }
    }
    if (earlyStopping.enabled() && earlyStopping.observe(metric(eval, optimizer.earlyStopping().metric()))) {
      String watched = optimizer.earlyStopping().metric().configName();
      metrics.write(RunEvents.earlyStop(epoch + 1, watched, earlyStopping.best(), earlyStopping.bestEvaluation() + 1));
      console.printf(Locale.ROOT, "convoy: stopping early after epoch %d: %s has not improved for %d epochs "
          + "(best %.4f in epoch %d)%n", epoch + 1, watched, optimizer.earlyStopping().patience(),
          earlyStopping.best(), earlyStopping.bestEvaluation() + 1);
      progress.stopped = true;
    }
  }

  /** {@code model.zip}, the {@code final} event and the last console line. */
  private TrainingSummary finish(EvalResult eval, long wallStart) {
    ModelState state = engine.state();
    ModelZip.requireFinite(state, "at the end of training");
    run.out().writeAtomically("model.zip", ModelZip.writer(config, run.spec(), state, run.plan().classes()));
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    TrainingSummary summary = new TrainingSummary(eval.top1(), eval.top5(), eval.loss(), progress.epoch,
        progress.trainExamples / progress.trainSeconds, wallSeconds, run.out().uri(), state, skips.all());
    Map<String, Object> timeSplit = RunEvents.timeSplit(progress.timeSplit, taskTimes.serializationSeconds(),
        taskTimes.gcSeconds());
    metrics.write(RunEvents.finished(eval, summary.epochs(), progress.rounds, progress.steps, summary.imagesPerSec(),
        progress.trainSeconds, wallSeconds, timeSplit, taskTimes.failedTasks(), run.plan().classes()));
    console.printf(Locale.ROOT, "convoy: done in %.1f s: val top-1 %.4f, %.0f images/s; outputs in %s%n",
        wallSeconds, summary.valTop1(), summary.imagesPerSec(), summary.outputDir());
    return summary;
  }

  private static double metric(EvalResult eval, MetricName name) {
    return switch (name) {
      case VAL_LOSS -> eval.loss();
      case VAL_TOP1 -> eval.top1();
      case VAL_TOP5 -> eval.top5();
    };
  }

  private static void requireFinite(double loss, int round) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException("training loss became " + loss + " by round " + round
          + ": lower optimizer.lr or check the input normalization");
    }
  }
}
