package io.convoy.driver.metrics;

import static io.convoy.driver.metrics.MetricsLog.event;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.TransportName;
import io.convoy.driver.engine.EpochStats;
import io.convoy.driver.engine.RoundStats;
import io.convoy.model.BackendChoice;
import io.convoy.model.ModelSpec;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.replica.RoundTimings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of every event a training run writes to {@code metrics.jsonl}, in one place: which
 * fields, named how, in which order. Readers (the report, the tests, users' scripts) rely on it.
 */
public final class RunEvents {
  private RunEvents() {}

  /** What the run is: the first line of a fresh run's metrics. */
  public static Map<String, Object> start(ConvoyConfig config, String master, TransportName transport, ModelSpec spec,
      BackendChoice backend, int parameters, int trainImages, int valImages, int skippedFiles, int frequency, String nativeBuild) {
    var training = config.training();
    var averaging = training.averaging();
    return event("start",
        "master", master, "engine", training.engine().configName(),
        "transport", transport.configName(), "workers", training.workers(), "arch", spec.arch(),
        "backend", backend.backend().configName(), "backend_reason", backend.reason(),
        "parameters", parameters, "classes", spec.classes(),
        "train_images", trainImages, "val_images", valImages,
        "skipped_files", skippedFiles, "batch_size", training.batchSize(), "mode", averaging.mode().configName(),
        "frequency", frequency, "updater_state", averaging.updaterState().configName(),
        "threads_per_worker", config.cluster().threadsPerWorker(), "native", nativeBuild,
        "epochs", training.epochs());
  }

  /** One averaging round, as the engine reported it. */
  public static Map<String, Object> round(RoundStats r) {
    Map<String, Object> round = event("round", "round", r.round(), "epoch", r.epoch(), "loss", r.loss(),
        "images_per_sec", r.imagesPerSec(), "examples", r.examples(), "seconds", r.seconds());
    putTimings(round, r.timings());
    round.put("lr", r.learningRate());
    return round;
  }

  /**
   * An epoch's training totals and validation; {@code onTrain} (null when
   * {@code output.train-metrics-images} is 0) adds the metrics on a subset of the training set.
   */
  public static Map<String, Object> epoch(int epoch, int rounds, EpochStats stats, EvalResult eval, double evalSeconds,
      EvalResult onTrain, double trainEvalSeconds) {
    Map<String, Object> e = event("epoch", "epoch", epoch, "rounds", rounds,
        "train_loss", stats.meanLoss(), "val_top1", eval.top1(), "val_top5", eval.top5(), "val_loss", eval.loss(),
        "val_examples", eval.examples(), "images_per_sec", stats.examples() / stats.seconds(),
        "train_seconds", stats.seconds(), "eval_seconds", evalSeconds);
    if (onTrain != null) {
      e.put("train_top1", onTrain.top1());
      e.put("train_top5", onTrain.top5());
      e.put("train_eval_loss", onTrain.loss());
      e.put("train_eval_examples", onTrain.examples());
      e.put("train_eval_seconds", trainEvalSeconds);
    }
    return e;
  }

  /** The plateau schedule lowered the learning rate after {@code epoch}. */
  public static Map<String, Object> lrDrop(int epoch, double factor) {
    return event("lr_drop", "epoch", epoch, "factor", factor);
  }

  /** Early stopping ended the run after {@code epoch}. */
  public static Map<String, Object> earlyStop(int epoch, String metric, double best, int bestEpoch) {
    return event("early_stop", "epoch", epoch, "metric", metric, "best", best, "best_epoch", bestEpoch);
  }

  /**
   * Where training time went over the run: {@code split}, the rounds' timings summed, then Spark's
   * task serialization and GC seconds.
   */
  public static Map<String, Object> timeSplit(RoundTimings split, double taskSerializationSeconds,
      double taskGcSeconds) {
    Map<String, Object> timeSplit = new LinkedHashMap<>();
    putTimings(timeSplit, split);
    timeSplit.put("task_serialization_seconds", taskSerializationSeconds);
    timeSplit.put("task_gc_seconds", taskGcSeconds);
    return timeSplit;
  }

  /** A round's timings (or their sum over rounds) as the {@code round} event and {@code time_split} name them. */
  private static void putTimings(Map<String, Object> event, RoundTimings t) {
    event.put("broadcast_seconds", t.broadcastSeconds());
    event.put("data_seconds", t.dataSeconds());
    event.put("compute_seconds", t.computeSeconds());
    event.put("overhead_seconds", t.overheadSeconds());
    event.put("apply_seconds", t.applySeconds());
  }

  /** The last line of a finished run (ARCHITECTURE.md's contract names its first six fields). */
  public static Map<String, Object> finished(EvalResult eval, int epochs, int rounds, long steps, double imagesPerSec,
      double trainSeconds, double wallSeconds, Map<String, Object> timeSplit, long failedTasks, List<String> classes) {
    return event("final", "val_top1", eval.top1(), "val_top5", eval.top5(),
        "val_loss", eval.loss(), "epochs", epochs, "rounds", rounds, "steps", steps,
        "images_per_sec", imagesPerSec, "train_seconds", trainSeconds,
        "wall_seconds", wallSeconds, "time_split", timeSplit, "failed_tasks", failedTasks,
        "confusion", eval.confusionMatrix(), "classes", classes);
  }

  /** A resumed run continues after {@code round} of {@code epoch} (from 0). */
  public static Map<String, Object> resume(String checkpoint, int round, int epoch, int batchesDone) {
    return event("resume", "checkpoint", checkpoint, "round", round, "epoch", epoch, "batches_done", batchesDone);
  }

  /** A checkpoint was written. */
  public static Map<String, Object> checkpoint(int round, int epoch, int batchesDone, String uri, double seconds) {
    return event("checkpoint", "round", round, "epoch", epoch, "batches_done", batchesDone, "uri", uri,
        "seconds", seconds);
  }

  /** The loss diverged and the run went back to {@code checkpoint}. */
  public static Map<String, Object> rollback(String checkpoint, int round, double lrFactor, String reason) {
    return event("rollback", "checkpoint", checkpoint, "round", round, "lr_factor", lrFactor, "reason", reason);
  }
}
