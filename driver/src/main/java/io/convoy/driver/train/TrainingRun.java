package io.convoy.driver.train;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.EngineName;
import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.driver.checkpoint.Checkpoint;
import io.convoy.driver.checkpoint.CheckpointStore;
import io.convoy.driver.checkpoint.Checkpointing;
import io.convoy.driver.common.MemoryCheck;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.data.DatasetFingerprint;
import io.convoy.driver.data.DatasetPlan;
import io.convoy.driver.data.DatasetStats;
import io.convoy.driver.data.EvenSubset;
import io.convoy.driver.data.ShardCache;
import io.convoy.driver.data.TrainingImages;
import io.convoy.driver.engine.Evaluation;
import io.convoy.driver.engine.TrainingEngine;
import io.convoy.driver.engine.TrainingEngines;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.report.ReportWriter;
import io.convoy.model.BackendChoice;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.data.HadoopConf;
import io.convoy.worker.replica.WorkerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy train}: plan the dataset, cache shard bytes on executors, build the engine, the
 * evaluations and the checkpoints, hand them to the {@link EpochLoop}, and write the report. This
 * class sets the run up; the loop trains it.
 */
public final class TrainingRun {
  /**
   * The job as given, before {@code stats = dataset} is resolved: read once, in {@link #run()};
   * everything after takes the resolved configuration as a parameter, so no output can be written
   * from the unresolved one.
   */
  private final ConvoyConfig requested;
  private final PrintWriter console;
  /** The checkpoint folder to continue from, or null for a fresh run. */
  private final String resumeFrom;
  private final EpochBar.Mode progressMode;
  private final TrainingImages images;

  public TrainingRun(ConvoyConfig config, PrintWriter console) {
    this(config, console, null, EpochBar.Mode.QUIET);
  }

  public TrainingRun(ConvoyConfig config, PrintWriter console, String resumeFrom) {
    this(config, console, resumeFrom, EpochBar.Mode.QUIET);
  }

  public TrainingRun(ConvoyConfig config, PrintWriter console, String resumeFrom, EpochBar.Mode progress) {
    this(config, console, resumeFrom, progress, TrainingImages.FOLDERS);
  }

  /** A fresh run on {@code images} instead of the folders {@code data.train} and {@code data.val} name. */
  public TrainingRun(ConvoyConfig config, PrintWriter console, EpochBar.Mode progress, TrainingImages images) {
    this(config, console, null, progress, images);
  }

  private TrainingRun(ConvoyConfig config, PrintWriter console, String resumeFrom, EpochBar.Mode progress,
      TrainingImages images) {
    this.requested = config;
    this.console = console;
    this.resumeFrom = resumeFrom;
    this.progressMode = progress;
    this.images = images;
  }

  /** The run in a SparkContext of its own, created from the configuration and stopped at the end. */
  public TrainingSummary run() throws IOException {
    try (JavaSparkContext sc = SparkContexts.create(requested, "convoy train")) {
      return run(sc);
    }
  }

  /**
   * The run in the caller's SparkContext, which stays open: its jobs, cached shards and listener
   * are the run's own, and the shards are unpersisted at the end.
   */
  public TrainingSummary run(JavaSparkContext sc) throws IOException {
    long wallStart = System.nanoTime();
    List<JavaRDD<?>> cached = new ArrayList<>();
    try {
      return run(sc, wallStart, cached);
    } finally {
      cached.forEach(rdd -> rdd.unpersist(false));
    }
  }

  private TrainingSummary run(JavaSparkContext sc, long wallStart, List<JavaRDD<?>> cached) throws IOException {
    Configuration hadoop = sc.hadoopConfiguration();
    SparkContexts.uiAddress(sc).ifPresent(ui -> console.printf("convoy: Spark UI at %s%n", ui));
    OutputDir out = new OutputDir(requested.output().dir(), hadoop);
    DatasetPlan plan = images.plan(requested.data(), hadoop, requested.training().seed());
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
    ShardCache.Loaded trainLoaded = images.load(sc, plan, trainShards, false, hadoopConf);
    cached.add(trainLoaded.rdd());
    ShardCache.Loaded valLoaded = images.load(sc, plan, valShards, true, hadoopConf);
    cached.add(valLoaded.rdd());
    JavaRDD<EncodedSample> trainRdd = trainLoaded.rdd();
    // Found by the catalog scan, and by the header check of the loaded bytes.
    List<SkippedFile> skipped = new ArrayList<>(plan.skipped());
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
    ModelSpec configured = ModelSpecs.of(config, classes, workers, schedule.batchesPerEpoch());
    if (config.cluster().memoryCheck()) {
      MemoryCheck.require(sc.getConf(), configured, config.training().batchSize());
    }
    // model.backend = auto chooses here, once: every replica of the run trains on its choice.
    boolean dl4jSpark = config.training().engine() == EngineName.DL4J_PARAMAVG;
    Replica initial = Replica.initialize(dl4jSpark ? configured.withBackend(BackendName.DL4J) : configured, seed);
    BackendChoice backend = dl4jSpark
        ? new BackendChoice(BackendName.DL4J, "training.engine = dl4j-paramavg trains DL4J's own layers")
        : initial.backend();
    ModelSpec spec = configured.withBackend(backend.backend());
    WorkerSettings settings = new WorkerSettings(UUID.randomUUID().toString(),
        config.cluster().threadsPerWorker(), config.cluster().loaderThreads(), config.training().prefetchBatches(),
        config.cluster().decodedCacheMb() * 1024L * 1024L);
    TrainingEngine engine = TrainingEngines.create(config, sc, trainRdd, spec, schedule, initial, settings, console);
    if (resumed != null) {
      Resume.restore(engine, resumed);
    }
    Evaluation evaluation = new Evaluation(sc, valLoaded.rdd(), spec, config, settings);
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
      EpochLoop.Setup setup = new EpochLoop.Setup(config, sc, out, plan, spec, backend, engine, evaluation,
          trainEvaluation,
          roundsPerEpoch, skipped, resumed);
      summary = new EpochLoop(setup, metrics, checkpoints, taskTimes, console, progressMode).run(wallStart);
    } finally {
      sc.sc().removeSparkListener(taskTimes);
    }
    if (config.output().report()) {
      ReportWriter.write(out, config, plan.train(), hadoop, console);
    }
    return summary;
  }

  private static int classes(ConvoyConfig config, DatasetPlan plan) {
    int found = plan.classes().size();
    if (!config.model().classesFromData() && config.model().classes() != found) {
      throw new ConfigException("model.classes", String.valueOf(config.model().classes()),
          "auto or " + found + ", the number of classes in " + plan.train().root());
    }
    return found;
  }
}
