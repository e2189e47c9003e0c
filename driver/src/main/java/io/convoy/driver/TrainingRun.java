package io.convoy.driver;

import static io.convoy.driver.MetricsLog.event;

import io.convoy.conf.AveragingMode;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigRenderer;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.UpdaterStatePolicy;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.Sample;
import io.convoy.pipeline.Sharder;
import io.convoy.pipeline.SkippedFile;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.EvalResult;
import io.convoy.worker.HadoopConf;
import io.convoy.worker.ModelState;
import io.convoy.worker.RoundResult;
import io.convoy.worker.RoundSpec;
import io.convoy.worker.ShardReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code convoy train}: plan the dataset, cache shard bytes on executors, run rounds of
 * parameter averaging, evaluate every epoch, and write the run's outputs.
 */
final class TrainingRun {
  private final ConvoyConfig config;
  private final PrintWriter console;

  TrainingRun(ConvoyConfig config, PrintWriter console) {
    this.config = config;
    this.console = console;
  }

  TrainingSummary run() throws IOException {
    long wallStart = System.nanoTime();
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy train")) {
      Configuration hadoop = sc.hadoopConfiguration();
      OutputDir out = new OutputDir(config.output().dir(), hadoop);
      DatasetPlan plan = DatasetPlan.of(config.data(), hadoop, config.training().seed());
      int classes = classes(plan);
      int workers = config.training().workers();
      if (plan.train().samples().size() < workers) {
        throw new ConfigException("training.workers", String.valueOf(workers),
            "at most " + plan.train().samples().size() + ", the number of training images");
      }
      out.writeText("labels.txt", plan.train().labelsText());
      out.writeText("config.conf", ConfigRenderer.render(config));
      List<SkippedFile> skipped = plan.skipped();
      if (!skipped.isEmpty()) {
        out.writeText("skipped.txt", skipped.stream().map(s -> s.path() + "\t" + s.reason())
            .collect(Collectors.joining("\n", "", "\n")));
        console.printf("convoy: skipped %d files that are not usable images (listed in %s)%n",
            skipped.size(), out.uri("skipped.txt"));
      }

      int size = config.data().imageSize();
      ModelSpec spec = new ModelSpec(config.model(), new InputShape(size, size, config.data().channels()), classes, config.optimizer(), io.convoy.model.TrainingPlan.of(workers, config.training().epochs(), config.training().batchSize(), plan.train().samples().size()));
      long seed = config.training().seed();
      List<List<Sample>> trainShards = Sharder.shard(plan.train().samples(), workers, seed);
      List<List<Sample>> valShards = Sharder.shard(plan.val().samples(), workers, seed);
      HadoopConf hadoopConf = new HadoopConf(hadoop);
      JavaRDD<EncodedSample> trainRdd = cached(sc, trainShards, hadoopConf, "training shards");
      JavaRDD<EncodedSample> valRdd = cached(sc, valShards, hadoopConf, "validation shards");

      int epochLength = trainShards.stream().mapToInt(List::size).max().orElseThrow();
      BatchSchedule schedule = new BatchSchedule(seed, epochLength, config.training().batchSize());
      Replica initial = Replica.initialize(spec, seed);
      Averaging engine = new Averaging(sc, trainRdd, spec, config, schedule, initial);
      Evaluation evaluation = new Evaluation(sc, valRdd, spec, config);

      try (MetricsLog metrics = new MetricsLog(out.create("metrics.jsonl"))) {
        return train(sc, out, metrics, plan, spec, schedule, engine, evaluation, skipped.size(), wallStart);
      }
    }
  }

  private TrainingSummary train(JavaSparkContext sc, OutputDir out, MetricsLog metrics, DatasetPlan plan,
      ModelSpec spec, BatchSchedule schedule, Averaging engine, Evaluation evaluation,
      int skipped, long wallStart) {
    var training = config.training();
    var averaging = training.averaging();
    int k = engine.batchesPerRound(averaging.frequency());
    int batchesPerEpoch = schedule.batchesPerEpoch();
    int roundsPerEpoch = (batchesPerEpoch + k - 1) / k;
    metrics.write(event("start",
        "master", sc.master(), "workers", training.workers(), "arch", spec.arch(),
        "parameters", engine.state().parameters().length, "classes", spec.classes(),
        "train_images", plan.train().samples().size(), "val_images", plan.val().samples().size(),
        "skipped_files", skipped, "batch_size", training.batchSize(), "mode", averaging.mode().configName(),
        "frequency", k, "updater_state", averaging.updaterState().configName(),
        "rounds_per_epoch", roundsPerEpoch, "epochs", training.epochs()));
    console.printf("convoy: training %s (%,d parameters) on %,d images in %d classes; %d workers on %s, "
            + "%s averaging every %d minibatches of %d, updater state %s%n",
        spec.arch(), engine.state().parameters().length, plan.train().samples().size(), spec.classes(),
        training.workers(), sc.master(), averaging.mode().configName(), k, training.batchSize(),
        averaging.updaterState().configName());

    long step = 0;
    int round = 0;
    long trainNanos = 0;
    long trainExamples = 0;
    EvalResult eval = null;
    for (int epoch = 0; epoch < training.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      double lossSum = 0;
      long batches = 0;
      long examples = 0;
      for (int first = 0; first < batchesPerEpoch; first += k) {
        int n = Math.min(k, batchesPerEpoch - first);
        long t0 = System.nanoTime();
        RoundResult r = engine.round(new RoundSpec(averaging.mode(), epoch, round, first, n, step,
            averaging.updaterState()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        step += n;
        round++;
        lossSum += r.meanLoss() * r.batches();
        batches += r.batches();
        examples += r.examples();
        metrics.write(event("round", "round", round, "epoch", epoch + 1, "loss", r.meanLoss(),
            "images_per_sec", r.examples() / seconds, "examples", r.examples(), "seconds", seconds,
            "data_seconds", r.dataNanos() / 1e9 / r.replicas(),
            "compute_seconds", r.computeNanos() / 1e9 / r.replicas(),
            "overhead_seconds", Math.max(0, seconds - r.slowestTaskNanos() / 1e9)));
      }
      long epochTrainNanos = System.nanoTime() - epochStart;
      trainNanos += epochTrainNanos;
      trainExamples += examples;
      long evalStart = System.nanoTime();
      eval = evaluation.evaluate(engine.state().parameters(), "epoch " + (epoch + 1) + " validation");
      double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
      double imagesPerSec = examples / (epochTrainNanos / 1e9);
      metrics.write(event("epoch", "epoch", epoch + 1, "rounds", round, "train_loss", lossSum / batches,
          "val_top1", eval.top1(), "val_top5", eval.top5(), "val_loss", eval.loss(),
          "val_examples", eval.examples(), "images_per_sec", imagesPerSec,
          "train_seconds", epochTrainNanos / 1e9, "eval_seconds", evalSeconds));
      console.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  val top-1 %.4f  top-5 %.4f  loss %.4f  %.0f images/s%n",
          epoch + 1, training.epochs(), lossSum / batches, eval.top1(), eval.top5(), eval.loss(), imagesPerSec);
      requireFinite(lossSum / batches, round);
    }

    saveModel(out, spec, engine.state());
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    TrainingSummary summary = new TrainingSummary(eval.top1(), eval.top5(), eval.loss(), training.epochs(),
        trainExamples / (trainNanos / 1e9), wallSeconds, out.uri());
    metrics.write(event("final", "val_top1", summary.valTop1(), "val_top5", summary.valTop5(),
        "val_loss", summary.valLoss(), "epochs", summary.epochs(), "rounds", round, "steps", step,
        "images_per_sec", summary.imagesPerSec(), "train_seconds", trainNanos / 1e9,
        "wall_seconds", wallSeconds, "confusion", eval.confusionMatrix(), "classes", plan.classes()));
    console.printf(Locale.ROOT, "convoy: done in %.1f s: val top-1 %.4f, %.0f images/s; outputs in %s%n",
        wallSeconds, summary.valTop1(), summary.imagesPerSec(), summary.outputDir());
    return summary;
  }

  private int classes(DatasetPlan plan) {
    int found = plan.classes().size();
    if (!config.model().classesFromData() && config.model().classes() != found) {
      throw new ConfigException("model.classes", String.valueOf(config.model().classes()),
          "auto or " + found + ", the number of class folders in " + config.data().train());
    }
    return found;
  }

  private static JavaRDD<EncodedSample> cached(JavaSparkContext sc, List<List<Sample>> shards, HadoopConf hadoop,
      String name) {
    // One list per partition: partition i is shard i, and its bytes stay cached on its executor.
    JavaRDD<EncodedSample> rdd = sc.parallelize(shards, shards.size())
        .mapPartitions(new ShardReader(hadoop), true)
        .setName(name)
        .persist(StorageLevel.MEMORY_AND_DISK());
    sc.setJobGroup("convoy-load", "read " + name, false);
    rdd.count();
    return rdd;
  }

  private static void requireFinite(double loss, int round) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException("training loss became " + loss + " by round " + round
          + ": lower optimizer.lr or check the input normalization");
    }
  }

  private void saveModel(OutputDir out, ModelSpec spec, ModelState state) {
    Replica model = Replica.withParameters(spec, state.parameters());
    // The driver holds the run's optimizer state in gradients mode, and in parameters mode when
    // it is averaged; with local or reset state there is no single state to save.
    var averaging = config.training().averaging();
    boolean withUpdater = (averaging.mode() == AveragingMode.GRADIENTS
        || averaging.updaterState() == UpdaterStatePolicy.AVERAGE)
        && state.updaterState().length == model.updaterStateLength();
    if (withUpdater) {
      model.setUpdaterState(state.updaterState());
    }
    out.writeAtomically("model.zip", stream -> model.save(stream, withUpdater));
  }
}
