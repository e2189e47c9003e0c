package io.convoy.conf.settings;

import io.convoy.conf.CheckpointConfig;
import io.convoy.conf.ClusterConfig;
import io.convoy.conf.OutputConfig;
import java.util.List;

/** The {@code cluster}, {@code output} and {@code checkpoint} settings: where a run goes and what it keeps. */
final class RunSettings {
  private RunSettings() {}

  private static final String K = "checkpoint.";

  static final Setting<String> MASTER = Setting.of("cluster.master", Kinds.master(), "local[*]",
      c -> c.cluster().master(), "Spark master URL");
  static final Setting<Integer> THREADS = Setting.of("cluster.threads-per-worker", Kinds.integer(1, 1024), 1,
      c -> c.cluster().threadsPerWorker(), "linear algebra threads per replica");
  static final Setting<Integer> LOADER_THREADS = Setting.of("cluster.loader-threads", Kinds.integer(1, 256), 1,
      c -> c.cluster().loaderThreads(), "threads per executor that prepare minibatches ahead");
  static final Setting<Boolean> MEMORY_CHECK = Setting.of("cluster.memory-check", Kinds.bool(), ClusterConfig.DEFAULT_MEMORY_CHECK,
      c -> c.cluster().memoryCheck(), "refuse at start replicas the executors' memory overhead cannot hold");
  static final Setting<Integer> DECODED_CACHE_MB = Setting.of("cluster.decoded-cache-mb",
      Kinds.integer(0, 1_000_000), ClusterConfig.DEFAULT_DECODED_CACHE_MB, c -> c.cluster().decodedCacheMb(), "heap per replica for decoded tensors");

  static final Setting<String> OUTPUT_DIR = Setting.of("output.dir", Kinds.text(), "runs/latest",
      c -> c.output().dir(), "folder that receives the run's outputs");
  static final Setting<Boolean> REPORT = Setting.of("output.report", Kinds.bool(), OutputConfig.DEFAULT_REPORT,
      c -> c.output().report(), "write report.html at the end of the run");
  static final Setting<Integer> TRAIN_METRICS_IMAGES = Setting.of("output.train-metrics-images",
      Kinds.integer(0, Integer.MAX_VALUE), OutputConfig.DEFAULT_TRAIN_METRICS_IMAGES, c -> c.output().trainMetricsImages(),
      "training images evaluated after every epoch; 0: none");

  static final Setting<String> CHECKPOINT_DIR = Setting.of(K + "dir", Kinds.textOrNull(), null,
      c -> c.checkpoint().dir(), "folder of the checkpoints, or null for <output.dir>/checkpoints");
  static final Setting<Integer> EVERY_ROUNDS = Setting.of(K + "every-rounds", Kinds.integer(0, 100_000_000), 0,
      c -> c.checkpoint().everyRounds(), "a checkpoint every this many rounds; 0: none by rounds");
  static final Setting<Integer> EVERY_EPOCHS = Setting.of(K + "every-epochs", Kinds.integer(0, 100_000), 1,
      c -> c.checkpoint().everyEpochs(), "a checkpoint every this many epochs; 0: none by epochs");
  static final Setting<Integer> KEEP = Setting.of(K + "keep", Kinds.integer(1, 10_000), 3,
      c -> c.checkpoint().keep(), "how many of the newest checkpoints are kept");
  static final Setting<Boolean> MODEL_ZIP = Setting.of(K + "model-zip", Kinds.bool(), true,
      c -> c.checkpoint().modelZip(), "whether each checkpoint also holds a DL4J model.zip");
  static final Setting<Integer> ROLLBACKS = Setting.of(K + "rollbacks", Kinds.integer(0, 1000), 0,
      c -> c.checkpoint().rollbacks(), "times a diverged run goes back to its newest checkpoint");
  static final Setting<Double> ROLLBACK_LR_FACTOR = Setting.of(K + "rollback-lr-factor",
      Kinds.number("a multiplier", 0, true, 1, true), 0.1,
      c -> c.checkpoint().rollbackLrFactor(), "learning-rate multiplier of each rollback");

  static final List<Setting<?>> ALL = List.of(MASTER, THREADS, LOADER_THREADS, MEMORY_CHECK, DECODED_CACHE_MB,
      OUTPUT_DIR, REPORT, TRAIN_METRICS_IMAGES,
      CHECKPOINT_DIR, EVERY_ROUNDS, EVERY_EPOCHS, KEEP, MODEL_ZIP, ROLLBACKS, ROLLBACK_LR_FACTOR);

  static ClusterConfig cluster(ConfigBinder b) {
    return new ClusterConfig(b.get(MASTER), b.get(THREADS), b.get(LOADER_THREADS), b.get(MEMORY_CHECK),
        b.get(DECODED_CACHE_MB));
  }

  static OutputConfig output(ConfigBinder b) {
    return new OutputConfig(b.get(OUTPUT_DIR), b.get(REPORT), b.get(TRAIN_METRICS_IMAGES));
  }

  static CheckpointConfig checkpoint(ConfigBinder b) {
    return new CheckpointConfig(b.get(CHECKPOINT_DIR), b.get(EVERY_ROUNDS), b.get(EVERY_EPOCHS), b.get(KEEP),
        b.get(MODEL_ZIP), b.get(ROLLBACKS), b.get(ROLLBACK_LR_FACTOR));
  }
}
