package io.convoy.conf.settings;

import io.convoy.conf.AllreduceConfig;
import io.convoy.conf.AveragingConfig;
import io.convoy.conf.TrainingConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.EngineName;
import io.convoy.conf.names.TransportName;
import io.convoy.conf.names.UpdaterStatePolicy;
import java.util.List;

/** The {@code training} settings, with averaging and the allreduce transport. */
final class TrainingSettings {
  private TrainingSettings() {}

  private static final String A = "training.averaging.";
  private static final String R = "training.allreduce.";

  static final Setting<Integer> EPOCHS = Setting.of("training.epochs", Kinds.integer(1, 100_000), 5,
      c -> c.training().epochs(), "passes over the training set");
  static final Setting<Integer> BATCH_SIZE = Setting.of("training.batch-size", Kinds.integer(1, 65_536), 32,
      c -> c.training().batchSize(), "minibatch size of each worker");
  static final Setting<Integer> WORKERS = Setting.of("training.workers", Kinds.integer(1, 100_000), 2,
      c -> c.training().workers(), "model replicas training in parallel");
  static final Setting<AveragingMode> MODE = Setting.of(A + "mode", Kinds.oneOf(AveragingMode.class),
      AveragingMode.PARAMETERS, c -> c.training().averaging().mode(), "what is averaged: parameters or gradients");
  static final Setting<Integer> FREQUENCY = Setting.of(A + "frequency", Kinds.integer(1, 1_000_000), 4,
      c -> c.training().averaging().frequency(), "minibatches per replica between averagings");
  static final Setting<UpdaterStatePolicy> UPDATER_STATE = Setting.of(A + "updater-state",
      Kinds.oneOf(UpdaterStatePolicy.class), UpdaterStatePolicy.AVERAGE,
      c -> c.training().averaging().updaterState(), "optimizer state in parameters mode");
  static final Setting<Integer> AGGREGATION_DEPTH = Setting.of(A + "aggregation-depth", Kinds.integer(1, 10), 2,
      c -> c.training().averaging().aggregationDepth(), "depth of the treeAggregate that sums each round");
  static final Setting<Long> SEED = Setting.of("training.seed", Kinds.wholeLong(), 42L,
      c -> c.training().seed(), "seed of every random choice");
  static final Setting<EngineName> ENGINE = Setting.of("training.engine", Kinds.oneOf(EngineName.class),
      EngineName.CONVOY, c -> c.training().engine(), "training engine");
  static final Setting<Integer> PREFETCH = Setting.of("training.prefetch-batches", Kinds.integer(0, 1024), 4,
      c -> c.training().prefetchBatches(), "minibatches each worker prepares ahead");
  static final Setting<TransportName> TRANSPORT = Setting.of("training.transport", Kinds.oneOf(TransportName.class),
      TransportName.JOBS, c -> c.training().transport(), "how the convoy engine averages");
  static final Setting<List<Integer>> PORT_RANGE = Setting.of(R + "port-range", Kinds.portRange(), List.of(0, 0),
      c -> List.of(c.training().allreduce().portLow(), c.training().allreduce().portHigh()),
      "ports the allreduce tasks listen on");
  static final Setting<Long> TIMEOUT = Setting.of(R + "timeout", Kinds.millis(100, 86_400_000L), 120_000L,
      c -> c.training().allreduce().timeoutMillis(), "longest wait for a peer, in milliseconds");
  static final Setting<Integer> CHUNK_SIZE = Setting.of(R + "chunk-size", Kinds.bytes(1024, 1 << 30), 1 << 20,
      c -> c.training().allreduce().chunkBytes(), "bytes per pipelined chunk");
  static final Setting<String> COMPRESSION = Setting.of(R + "compression", Kinds.oneOf(AllreduceConfig.COMPRESSIONS),
      "none", c -> c.training().allreduce().compression(), "what travels: none (floats) or bf16");
  static final Setting<Boolean> FALLBACK = Setting.of(R + "fallback-to-jobs", Kinds.bool(), false,
      c -> c.training().allreduce().fallbackToJobs(), "use jobs when the cluster cannot run all workers at once");

  static final List<Setting<?>> ALL = List.of(EPOCHS, BATCH_SIZE, WORKERS, MODE, FREQUENCY, UPDATER_STATE,
      AGGREGATION_DEPTH, SEED, ENGINE, PREFETCH, TRANSPORT, PORT_RANGE, TIMEOUT, CHUNK_SIZE, COMPRESSION, FALLBACK);

  static TrainingConfig bind(ConfigBinder b) {
    AveragingConfig averaging = new AveragingConfig(b.get(MODE), b.get(FREQUENCY), b.get(UPDATER_STATE),
        b.get(AGGREGATION_DEPTH));
    List<Integer> ports = b.get(PORT_RANGE);
    AllreduceConfig allreduce = new AllreduceConfig(ports.get(0), ports.get(1), b.get(TIMEOUT), b.get(CHUNK_SIZE),
        b.get(COMPRESSION), b.get(FALLBACK));
    return new TrainingConfig(b.get(EPOCHS), b.get(BATCH_SIZE), b.get(WORKERS), averaging, b.get(SEED),
        b.get(ENGINE), b.get(PREFETCH), b.get(TRANSPORT), allreduce);
  }
}
