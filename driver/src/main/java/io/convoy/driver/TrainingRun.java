package io.convoy.driver;

import static io.convoy.driver.MetricsLog.event;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigRenderer;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.MetricName;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.ScheduleName;
import io.convoy.conf.TrainingConfig;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.EarlyStopping;
import io.convoy.model.NativeVariant;
import io.convoy.model.PlateauTracker;
import io.convoy.model.TrainingPlan;
import io.convoy.model.Replica;
import io.convoy.pipeline.Sample;
import io.convoy.pipeline.Sharder;
import io.convoy.pipeline.SkippedFile;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.EvalResult;
import io.convoy.worker.HadoopConf;
import io.convoy.worker.ModelState;
import io.convoy.worker.WorkerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy train}: plan the dataset, cache shard bytes on executors, run rounds of
 * parameter averaging, evaluate every epoch, and write the run's outputs.
 */
final class TrainingRun {
  /**
   * The job as given, before {@code stats = dataset} is resolved: read once, in {@link #run()};
   * everything after takes the resolved configuration as a parameter, so no output can be written
   * from the unresolved one.
   */
  private final ConvoyConfig requested;
  private final PrintWriter console;
  /** The checkpoint folder to continue from, or null for a fresh run. */
  private final String resumeFrom;
  private final EpochProgress.Mode progressMode;

  TrainingRun(ConvoyConfig config, PrintWriter console) {
    this(config, console, null, EpochProgress.Mode.QUIET);
  }

  TrainingRun(ConvoyConfig config, PrintWriter console, String resumeFrom) {
    this(config, console, resumeFrom, EpochProgress.Mode.QUIET);
  }

  TrainingRun(ConvoyConfig config, PrintWriter console, String resumeFrom, EpochProgress.Mode progress) {
    this.requested = config;
    this.console = console;
    this.resumeFrom = resumeFrom;
    this.progressMode = progress;
  }

  TrainingSummary run() throws IOException {
    long wallStart = System.nanoTime();
    try (JavaSparkContext sc = SparkContexts.create(requested, "convoy train")) {
      Configuration hadoop = sc.hadoopConfiguration();
      SparkContexts.uiAddress(sc).ifPresent(ui -> console.printf("convoy: Spark UI at %s%n", ui));
      OutputDir out = new OutputDir(requested.output().dir(), hadoop);
      DatasetPlan plan = DatasetPlan.of(requested.data(), hadoop, requested.training().seed());
      // stats = dataset takes the pack's numbers; the rest of the run sees only the resolved config.
      ConvoyConfig config = DatasetStats.resolve(requested, plan.statsSource());
      int classes = classes(config, plan);
      int workers = config.training().workers();
      if (plan.train().samples().size() < workers) {
        throw new ConfigException("training.workers", String.valueOf(workers),
            "at most " + plan.train().samples().size() + ", the number of training images");
      }
      String dataset = DatasetFingerprint.of(plan);
      Checkpoint resumed = resumeFrom == null ? null : Resume.load(resumeFrom, hadoop, config, dataset, plan, console);
      out.writeText("labels.txt", plan.train().labelsText());
      out.writeText("config.conf", ConfigRenderer.render(config));

      long seed = config.training().seed();
      List<List<Sample>> trainShards = Sharder.shard(plan.train().samples(), workers, seed);
      List<List<Sample>> valShards = Sharder.shard(plan.val().samples(), workers, seed);
      HadoopConf hadoopConf = new HadoopConf(hadoop);
      ShardCache.Loaded trainLoaded = ShardCache.loadChecked(sc, trainShards,
          plan.trainPack() == null ? null : plan.train().root(), hadoopConf, "training shards");
      ShardCache.Loaded valLoaded = ShardCache.loadChecked(sc, valShards,
          plan.valPack() == null ? null : plan.val().root(), hadoopConf, "validation shards");
      JavaRDD<EncodedSample> trainRdd = trainLoaded.rdd();
      JavaRDD<EncodedSample> valRdd = valLoaded.rdd();
      // Found by the catalog scan, and by the header check of the loaded bytes.
      List<SkippedFile> skipped = new java.util.ArrayList<>(plan.skipped());
      skipped.addAll(trainLoaded.skipped());
      skipped.addAll(valLoaded.skipped());
      if (!skipped.isEmpty()) {
        out.writeText("skipped.txt", skipped.stream().map(s -> s.path() + "\t" + s.reason())
            .collect(Collectors.joining("\n", "", "\n")));
        console.printf("convoy: skipped %d files that are not usable images (listed in %s)%n",
            skipped.size(), out.uri("skipped.txt"));
      }

      int epochLength = trainShards.stream().mapToInt(List::size).max().orElseThrow();
      BatchSchedule schedule = new BatchSchedule(seed, epochLength, config.training().batchSize(),
          config.training().epochs());
      ModelSpec spec = modelSpec(config, classes, workers, schedule.batchesPerEpoch());
      if (config.cluster().memoryCheck()) {
        MemoryCheck.require(sc.getConf(), spec, config.training().batchSize());
      }
      WorkerSettings settings = new WorkerSettings(UUID.randomUUID().toString(),
          config.cluster().threadsPerWorker(), config.cluster().loaderThreads(), config.training().prefetchBatches(),
          config.cluster().decodedCacheMb() * 1024L * 1024L);
      Replica initial = Replica.initialize(spec, seed);
      TrainingEngine engine = engine(config, sc, trainRdd, spec, schedule, initial, settings);
      if (resumed != null) {
        Resume.restore(engine, resumed);
      }
      Evaluation evaluation = new Evaluation(sc, valRdd, spec, config, settings);
      int trainMetricsImages = config.output().trainMetricsImages();
      Evaluation trainEvaluation = trainMetricsImages == 0 ? null : new Evaluation(sc,
          trainRdd.mapPartitions(new EvenSubset((trainMetricsImages + workers - 1) / workers), true), spec, config,
          settings);
      int roundsPerEpoch = (schedule.batchesPerEpoch() + engine.batchesPerRound() - 1) / engine.batchesPerRound();
      TaskTimeListener taskTimes = new TaskTimeListener();
      sc.sc().addSparkListener(taskTimes);
      TrainingSummary summary;
      try (MetricsLog metrics = new MetricsLog(out.create("metrics.jsonl"))) {
        Checkpointing checkpoints = new Checkpointing(new CheckpointStore(
            config.checkpoint().resolvedDir(config.output().dir()), hadoop), config, spec, plan.classes(), dataset,
            metrics, console, engine, sc.getConf());
        summary = train(config, sc, out, metrics, plan, spec, engine, evaluation, trainEvaluation, roundsPerEpoch,
            taskTimes, skipped, wallStart, checkpoints, resumed);
      } finally {
        sc.sc().removeSparkListener(taskTimes);
      }
      if (config.output().report()) {
        ReportStep.write(out, config, plan.train(), hadoop, console);
      }
      return summary;
    }
  }

  private TrainingEngine engine(ConvoyConfig config, JavaSparkContext sc, JavaRDD<EncodedSample> trainRdd, ModelSpec spec,
      BatchSchedule schedule, Replica initial, WorkerSettings settings) {
    return switch (config.training().engine()) {
      case "convoy" -> config.training().transport().equals("allreduce") && allreduceFits(config, sc)
          ? new AllreduceAveraging(sc, trainRdd, spec, config, schedule, initial, settings, console)
          : new Averaging(sc, trainRdd, spec, config, schedule, initial, settings);
      case "dl4j-paramavg" -> new Dl4jParamAveraging(sc, trainRdd, spec, config, schedule, initial, settings);
      default -> throw new ConfigException("training.engine", config.training().engine(),
          "one of " + String.join(", ", TrainingConfig.ENGINES));
    };
  }

  /** Whether all workers fit at once; false (fall back to jobs, said on the console) or an error otherwise. */
  private boolean allreduceFits(ConvoyConfig config, JavaSparkContext sc) {
    int workers = config.training().workers();
    String problem = BarrierSlots.problem(sc.sc(), workers, config.training().allreduce().timeoutMillis());
    if (problem == null) {
      return true;
    }
    if (!config.training().allreduce().fallbackToJobs()) {
      throw BarrierSlots.asConfigError(workers, problem);
    }
    console.printf("convoy: training with the jobs transport instead of allreduce: %s%n", problem);
    return false;
  }

  private TrainingSummary train(ConvoyConfig config, JavaSparkContext sc, OutputDir out, MetricsLog metrics, DatasetPlan plan,
      ModelSpec spec, TrainingEngine engine, Evaluation evaluation, Evaluation trainEvaluation, int roundsPerEpoch,
      TaskTimeListener taskTimes, List<SkippedFile> skipped, long wallStart, Checkpointing checkpoints,
      Checkpoint resumed) {
    var training = config.training();
    var averaging = training.averaging();
    int k = engine.batchesPerRound();
    String nativeBuild = NativeVariant.loaded();
    RunProgress progress = resumed == null ? new RunProgress() : resumed.progress();
    progress.seed = training.seed();
    if (resumed != null) {
      Resume.continueMetrics(metrics, resumed, console);
    } else {
      metrics.write(event("start",
          "master", sc.master(), "engine", training.engine(),
          "transport", engine instanceof AllreduceAveraging ? "allreduce" : "jobs", "workers", training.workers(), "arch", spec.arch(),
          "parameters", engine.state().parameters().length, "classes", spec.classes(),
          "train_images", plan.train().samples().size(), "val_images", plan.val().samples().size(),
          "skipped_files", skipped.size(), "batch_size", training.batchSize(), "mode", averaging.mode().configName(),
          "frequency", k, "updater_state", averaging.updaterState().configName(),
          "threads_per_worker", config.cluster().threadsPerWorker(), "native", nativeBuild,
          "epochs", training.epochs()));
    }
    console.printf("convoy: training %s (%,d parameters) on %,d images in %d classes; %d workers on %s, "
            + "%s averaging every %d minibatches of %d, updater state %s; engine %s, natives %s%n",
        spec.arch(), engine.state().parameters().length, plan.train().samples().size(), spec.classes(),
        training.workers(), sc.master(), averaging.mode().configName(), k, training.batchSize(),
        averaging.updaterState().configName(),
        training.engine() + (engine instanceof AllreduceAveraging ? " over ring allreduce" : ""), nativeBuild);
    // Local replicas train in this JVM: say once that the CUDA build is on the CPU here (cluster
    // executors given a GPU refuse to, see GpuBinding).
    String cudaFallback = sc.isLocal() ? NativeVariant.cudaFallback() : null;
    if (cudaFallback != null) {
      console.printf("convoy: warning: %s%n", cudaFallback);
    }

    double[] split = progress.split; // broadcast, data, compute, overhead, apply
    EvalResult eval = null;
    OptimizerConfig optimizer = config.optimizer();
    PlateauTracker plateau = optimizer.schedule().name() == ScheduleName.PLATEAU ? PlateauTracker.of(spec) : null;
    EarlyStopping earlyStopping = EarlyStopping.of(optimizer.earlyStopping());
    Resume.replay(progress, plateau, earlyStopping, engine, optimizer);
    SkipBudget skips = new SkipBudget(out, console, config.data().maxSkipped(),
        skipped.stream().map(s -> s.path() + "\t" + s.reason()).toList(), progress.skipped);
    int batchesPerEpoch = (int) spec.plan().stepsPerEpoch();
    checkpoints.atStart(progress, engine);
    for (int epoch = progress.epoch; epoch < training.epochs() && !progress.stopped; epoch++) {
      EpochProgress bar = new EpochProgress(progressMode, console, System.out, epoch + 1, training.epochs(),
          roundsPerEpoch);
      EpochStats engineStats;
      try {
        engineStats = engine.epoch(epoch, r -> {
          bar.round(r);
          metrics.write(event("round", "round", r.round(), "epoch", r.epoch(), "loss", r.loss(),
              "images_per_sec", r.imagesPerSec(), "examples", r.examples(), "seconds", r.seconds(),
              "broadcast_seconds", r.broadcastSeconds(), "data_seconds", r.dataSeconds(),
              "compute_seconds", r.computeSeconds(), "overhead_seconds", r.overheadSeconds(),
              "apply_seconds", r.applySeconds(), "lr", r.learningRate()));
          requireFinite(r.loss(), r.round());
          if (!r.skipped().isEmpty()) {
            skips.record(r.skipped(), "round " + r.round());
            progress.skipped = skips.lines();
          }
          progress.roundDone(r, k, batchesPerEpoch);
          checkpoints.afterRound(progress, engine);
        });
      } catch (TrainingDivergedException diverged) {
        bar.close();
        Checkpoint back = checkpoints.rollBack(diverged, progress); // rethrows unless configured
        engine.restore(back.state(), progress.epoch, progress.batchesDone);
        plateau = optimizer.schedule().name() == ScheduleName.PLATEAU ? PlateauTracker.of(spec) : null;
        earlyStopping = EarlyStopping.of(optimizer.earlyStopping());
        Resume.replay(progress, plateau, earlyStopping, engine, optimizer);
        epoch = progress.epoch - 1;
        continue;
      }
      // Not in finally: a failed epoch ends the run, and its error line follows the bar as it stood.
      bar.close();
      skips.record(engineStats.skipped(), "epoch " + (epoch + 1) + " training");
      progress.skipped = skips.lines();
      long evalStart = System.nanoTime();
      eval = evaluation.evaluate(engine.state().parameters(), "epoch " + (epoch + 1) + " validation");
      skips.record(eval.skipped(), "epoch " + (epoch + 1) + " validation");
      progress.skipped = skips.lines();
      double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
      EpochStats stats = progress.epochDone(engineStats, training.workers(), eval);
      int rounds = progress.rounds;
      double imagesPerSec = stats.examples() / stats.seconds();
      Map<String, Object> epochEvent = event("epoch", "epoch", epoch + 1, "rounds", rounds,
          "train_loss", stats.meanLoss(), "val_top1", eval.top1(), "val_top5", eval.top5(), "val_loss", eval.loss(),
          "val_examples", eval.examples(), "images_per_sec", imagesPerSec,
          "train_seconds", stats.seconds(), "eval_seconds", evalSeconds);
      if (trainEvaluation != null) {
        long trainEvalStart = System.nanoTime();
        EvalResult onTrain = trainEvaluation.evaluate(engine.state().parameters(),
            "epoch " + (epoch + 1) + " training-set metrics");
        epochEvent.put("train_top1", onTrain.top1());
        epochEvent.put("train_top5", onTrain.top5());
        epochEvent.put("train_eval_loss", onTrain.loss());
        epochEvent.put("train_eval_examples", onTrain.examples());
        epochEvent.put("train_eval_seconds", (System.nanoTime() - trainEvalStart) / 1e9);
      }
      metrics.write(epochEvent);
      console.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  val top-1 %.4f  top-5 %.4f  loss %.4f  %.0f images/s%n",
          epoch + 1, training.epochs(), stats.meanLoss(), eval.top1(), eval.top5(), eval.loss(), imagesPerSec);
      requireFinite(stats.meanLoss(), rounds);
      if (plateau != null) {
        double before = plateau.factor();
        double factor = plateau.observe(metric(eval, optimizer.schedule().plateau().metric()));
        engine.setLearningRateFactor(factor * progress.rollbackFactor);
        if (factor != before) {
          metrics.write(event("lr_drop", "epoch", epoch + 1, "factor", factor));
          console.printf(Locale.ROOT, "convoy: %s has not improved for %d epochs: learning rate x %.4g%n",
              optimizer.schedule().plateau().metric().configName(), optimizer.schedule().plateau().patience() + 1,
              factor);
        }
      }
      if (earlyStopping.enabled() && earlyStopping.observe(metric(eval, optimizer.earlyStopping().metric()))) {
        String watched = optimizer.earlyStopping().metric().configName();
        metrics.write(event("early_stop", "epoch", epoch + 1, "metric", watched, "best", earlyStopping.best(),
            "best_epoch", earlyStopping.bestEvaluation() + 1));
        console.printf(Locale.ROOT, "convoy: stopping early after epoch %d: %s has not improved for %d epochs "
            + "(best %.4f in epoch %d)%n", epoch + 1, watched, optimizer.earlyStopping().patience(),
            earlyStopping.best(), earlyStopping.bestEvaluation() + 1);
        progress.stopped = true;
      }
      checkpoints.afterEpoch(progress, engine);
    }
    if (eval == null) { // resumed after the last evaluation: evaluate the final state again
      eval = evaluation.evaluate(engine.state().parameters(), "final validation");
    }
    int rounds = progress.rounds;
    long steps = progress.steps;
    double trainSeconds = progress.trainSeconds;
    long trainExamples = progress.trainExamples;
    int epochsRun = progress.epoch;

    saveModel(config, out, spec, engine.state(), plan.classes());
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    TrainingSummary summary = new TrainingSummary(eval.top1(), eval.top5(), eval.loss(), epochsRun,
        trainExamples / trainSeconds, wallSeconds, out.uri(), engine.state());
    Map<String, Object> timeSplit = new LinkedHashMap<>();
    timeSplit.put("broadcast_seconds", split[0]);
    timeSplit.put("data_seconds", split[1]);
    timeSplit.put("compute_seconds", split[2]);
    timeSplit.put("overhead_seconds", split[3]);
    timeSplit.put("apply_seconds", split[4]);
    timeSplit.put("task_serialization_seconds", taskTimes.serializationSeconds());
    timeSplit.put("task_gc_seconds", taskTimes.gcSeconds());
    metrics.write(event("final", "val_top1", summary.valTop1(), "val_top5", summary.valTop5(),
        "val_loss", summary.valLoss(), "epochs", summary.epochs(), "rounds", rounds, "steps", steps,
        "images_per_sec", summary.imagesPerSec(), "train_seconds", trainSeconds,
        "wall_seconds", wallSeconds, "time_split", timeSplit, "failed_tasks", taskTimes.failedTasks(),
        "confusion", eval.confusionMatrix(), "classes", plan.classes()));
    console.printf(Locale.ROOT, "convoy: done in %.1f s: val top-1 %.4f, %.0f images/s; outputs in %s%n",
        wallSeconds, summary.valTop1(), summary.imagesPerSec(), summary.outputDir());
    return summary;
  }

  /**
   * The network a run trains: its configuration, the dataset's number of classes, and the
   * plan its learning-rate schedule counts in (replicas, epochs, optimizer steps per epoch).
   */
  static ModelSpec modelSpec(ConvoyConfig config, int classes, int workers, int stepsPerEpoch) {
    int size = config.data().imageSize();
    return new ModelSpec(config.model(), new InputShape(size, size, config.data().channels()), classes,
        config.optimizer(), new TrainingPlan(workers, config.training().epochs(), stepsPerEpoch));
  }

  private static double metric(EvalResult eval, MetricName name) {
    return switch (name) {
      case VAL_LOSS -> eval.loss();
      case VAL_TOP1 -> eval.top1();
      case VAL_TOP5 -> eval.top5();
    };
  }

  private static int classes(ConvoyConfig config, DatasetPlan plan) {
    int found = plan.classes().size();
    if (!config.model().classesFromData() && config.model().classes() != found) {
      throw new ConfigException("model.classes", String.valueOf(config.model().classes()),
          "auto or " + found + ", the number of class folders in " + config.data().train());
    }
    return found;
  }

  private static void requireFinite(double loss, int round) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException("training loss became " + loss + " by round " + round
          + ": lower optimizer.lr or check the input normalization");
    }
  }

  private static void saveModel(ConvoyConfig config, OutputDir out, ModelSpec spec, ModelState state, List<String> labels) {
    ModelZip.requireFinite(state, "at the end of training");
    out.writeAtomically("model.zip", ModelZip.of(config, spec, state, labels));
  }
}
