package io.convoy.driver;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.model.ModelSpec;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.Sample;
import io.convoy.pipeline.ShapesSpec;
import io.convoy.pipeline.Sharder;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import io.convoy.worker.ShardReader;
import io.convoy.worker.SingleProcessTraining;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy bench engines}: the same job (model, data, pipeline, workers, batch size) run
 * by single-process DL4J with the same total threads, convoy's parameter averaging at k = 1
 * and k = 8 and its gradient averaging, each over both transports (a Spark job per round, and
 * a barrier stage per epoch with a ring allreduce), and dl4j-spark's parameter averaging at k = 1 and
 * k = 8, one after another in this JVM; a table of images/s, ratio to single-process and
 * validation top-1. Without {@code --conf}: LeNet on a generated 10-class shapes dataset, Nesterov
 * SGD at 0.01 per 64 images with cosine decay, scaled by the workers (linear scaling rule).
 */
@Command(name = "engines", mixinStandardHelpOptions = true,
    description = "Compare single-process DL4J, convoy and dl4j-spark on the same job.")
final class BenchEnginesCommand implements Callable<Integer> {
  /**
   * The built-in job: 10 classes of 28x28 shapes, 400 training and 100 validation images each,
   * 6 epochs, long enough for validation top-1 to settle: after 2 epochs it still moves by
   * several points with the seed, too much to compare engines by.
   */
  static final ShapesSpec DATASET = new ShapesSpec(10, 400, 100, 28, "png", 7);

  @Spec CommandSpec spec;

  @Option(names = "--conf", paramLabel = "FILE", description = "job file (default: LeNet on generated shapes)")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key of the job")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", defaultValue = "runs/bench-engines", paramLabel = "DIR",
      description = "folder for the generated data and each engine's outputs (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--json", description = "print the results as JSON")
  boolean json;

  private record Variant(String name, List<String> settings) {}

  record Row(String engine, double imagesPerSec, double valTop1, double seconds) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    List<String> job = new ArrayList<>();
    if (conf == null) {
      Path data = out.resolve("data").toAbsolutePath();
      GenerateCommand.generate(DATASET, data);
      job.addAll(List.of("data.train=" + data.resolve("train"), "data.val=" + data.resolve("val"),
          "data.image-size=28", "model.arch=lenet", "training.batch-size=64", "training.workers=2",
          "training.epochs=6", "cluster.master=local[2]", "optimizer.name=nesterov", "optimizer.lr=0.01",
          // The recipe of synchronous data-parallel SGD (Goyal et al. 2017): the rate scaled by the
          // workers for their larger global batch (single-process keeps 0.01 at batch 64), decayed to
          // zero so that the final accuracy is settled rather than a sample of a noisy trajectory.
          "optimizer.scale-with-workers=true", "optimizer.schedule.name=cosine"));
    }
    job.addAll(overrides);
    ConvoyConfig base = ConfigLoader.load(conf, job);
    List<Variant> variants = new ArrayList<>();
    for (String transport : List.of("jobs", "allreduce")) {
      String t = "training.transport=" + transport;
      // The jobs rows keep their historical names ("convoy ..."), for comparisons across versions.
      String name = transport.equals("jobs") ? "convoy" : transport;
      variants.add(new Variant(name + " parameters k=1", List.of("training.engine=convoy", t,
          "training.averaging.mode=parameters", "training.averaging.frequency=1")));
      variants.add(new Variant(name + " parameters k=8", List.of("training.engine=convoy", t,
          "training.averaging.mode=parameters", "training.averaging.frequency=8")));
      variants.add(new Variant(name + " gradients", List.of("training.engine=convoy", t,
          "training.averaging.mode=gradients")));
    }
    for (int k : new int[] {1, 8}) {
      variants.add(new Variant("dl4j-paramavg k=" + k, List.of("training.engine=dl4j-paramavg",
          "training.transport=jobs", "training.averaging.mode=parameters",
          "training.averaging.updater-state=average", "training.averaging.frequency=" + k)));
    }

    List<Row> rows = new ArrayList<>();
    console.printf("convoy bench engines: %s, %d workers x %d threads, batch %d per worker, %d epochs%n",
        base.model().arch(), base.training().workers(), base.cluster().threadsPerWorker(),
        base.training().batchSize(), base.training().epochs());
    rows.add(singleProcess(base));
    console.printf(Locale.ROOT, "  %-24s %8.0f images/s%n", rows.get(0).engine(), rows.get(0).imagesPerSec());
    for (Variant v : variants) {
      List<String> all = new ArrayList<>(job);
      all.addAll(v.settings());
      // Engines are compared on training: no training-set evaluation or report in the wall time.
      all.add("output.train-metrics-images=0");
      all.add("output.report=false");
      all.add("output.dir=" + out.resolve(v.name().replace(' ', '-').replace("=", "")).toAbsolutePath());
      ConvoyConfig config = ConfigLoader.load(conf, all);
      long start = System.nanoTime();
      TrainingSummary s = new TrainingRun(config, new PrintWriter(new StringWriter())).run();
      rows.add(new Row(v.name(), s.imagesPerSec(), s.valTop1(), (System.nanoTime() - start) / 1e9));
      console.printf(Locale.ROOT, "  %-24s %8.0f images/s%n", v.name(), s.imagesPerSec());
    }
    print(console, rows);
    return ConvoyMain.OK;
  }

  /** Plain DL4J in this process on the whole training set, ND4J threads = workers x threads. */
  private Row singleProcess(ConvoyConfig config) {
    long start = System.nanoTime();
    Configuration hadoop = new Configuration();
    DatasetPlan plan = DatasetPlan.of(config.data(), hadoop, config.training().seed());
    ShardReader reader = new ShardReader(new HadoopConf(hadoop));
    List<EncodedSample> train = read(reader, Sharder.shard(plan.train().samples(), 1, config.training().seed()).get(0));
    List<EncodedSample> val = read(reader, plan.val().samples());
    BatchSchedule schedule = new BatchSchedule(config.training().seed(), train.size(),
        config.training().batchSize(), config.training().epochs());
    ModelSpec modelSpec = TrainingRun.modelSpec(config, plan.classes().size(), 1, schedule.batchesPerEpoch());
    SingleProcessTraining.Result r = new SingleProcessTraining(modelSpec,
        ImagePipeline.of(config.pipeline().train(), config.data()),
        ImagePipeline.of(config.pipeline().eval(), config.data()), schedule,
        config.training().workers() * config.cluster().threadsPerWorker(), config.training().prefetchBatches())
        .run(train, val, config.training().seed());
    return new Row("single-process DL4J", r.imagesPerSec(), r.validation().top1(), (System.nanoTime() - start) / 1e9);
  }

  private static List<EncodedSample> read(ShardReader reader, List<Sample> samples) {
    List<EncodedSample> out = new ArrayList<>();
    Iterator<EncodedSample> it = reader.call(List.<List<Sample>>of(new ArrayList<>(samples)).iterator());
    it.forEachRemaining(out::add);
    return out;
  }

  private void print(PrintWriter console, List<Row> rows) {
    double single = rows.get(0).imagesPerSec();
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", r.engine());
        m.put("images_per_sec", r.imagesPerSec());
        m.put("ratio_to_single_process", r.imagesPerSec() / single);
        m.put("val_top1", r.valTop1());
        m.put("wall_seconds", r.seconds());
        list.add(m);
      }
      console.println(MetricsLog.toJson(list));
      return;
    }
    console.printf("%n%-24s %10s %12s %10s%n", "engine", "images/s", "vs single", "val top-1");
    for (Row r : rows) {
      console.printf(Locale.ROOT, "%-24s %10.0f %11.2fx %10.4f%n", r.engine(), r.imagesPerSec(),
          r.imagesPerSec() / single, r.valTop1());
    }
  }
}
