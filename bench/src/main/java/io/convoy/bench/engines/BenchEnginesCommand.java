package io.convoy.bench.engines;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.driver.data.DatasetPlan;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.driver.train.TrainingRun;
import io.convoy.driver.train.TrainingSummary;
import io.convoy.model.ModelSpec;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import io.convoy.worker.ShardReader;
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
import org.apache.commons.math3.stat.descriptive.rank.Median;
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
public final class BenchEnginesCommand implements Callable<Integer> {
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

  @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
      description = "run every engine with N seeds (training.seed, +1, ...): median images/s, mean and spread of "
          + "val top-1 (default: ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--engines", split = ",", paramLabel = "NAME",
      description = "run only these rows (names as in the table, e.g. \"convoy parameters k=8\"; comma-separated)")
  List<String> only;

  /** {@code asShipped}: run in a child JVM with DL4J's defaults (no oneDNN), see {@link AsShippedRun}. */
  private record Variant(String name, List<String> settings, boolean asShipped) {}

  /** One engine over all seeds: median images/s, val top-1 of every seed. */
  record Row(String engine, double imagesPerSec, double[] valTop1, double seconds) {
    double meanTop1() {
      return java.util.Arrays.stream(valTop1).average().orElse(Double.NaN);
    }

    /** Sample standard deviation over the seeds (0 for one seed). */
    double spreadTop1() {
      double mean = meanTop1();
      double ss = java.util.Arrays.stream(valTop1).map(v -> (v - mean) * (v - mean)).sum();
      return valTop1.length < 2 ? 0 : Math.sqrt(ss / (valTop1.length - 1));
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    List<Variant> variants = new ArrayList<>();
    for (String transport : List.of("jobs", "allreduce")) {
      String t = "training.transport=" + transport;
      // The jobs rows keep their historical names ("convoy ..."), for comparisons across versions.
      String name = transport.equals("jobs") ? "convoy" : transport;
      variants.add(new Variant(name + " parameters k=1", List.of("training.engine=convoy", t,
          "training.averaging.mode=parameters", "training.averaging.frequency=1"), false));
      variants.add(new Variant(name + " parameters k=8", List.of("training.engine=convoy", t,
          "training.averaging.mode=parameters", "training.averaging.frequency=8"), false));
      variants.add(new Variant(name + " gradients", List.of("training.engine=convoy", t,
          "training.averaging.mode=gradients"), false));
    }
    // dl4j-spark twice: with convoy's native fix applied to it too (the engines alone compared),
    // and as its users get it (DL4J's defaults: no oneDNN), in a child JVM.
    for (boolean asShipped : new boolean[] {false, true}) {
      for (int k : new int[] {1, 8}) {
        variants.add(new Variant("dl4j-paramavg k=" + k + (asShipped ? " as shipped" : ""),
            List.of("training.engine=dl4j-paramavg", "training.transport=jobs", "training.averaging.mode=parameters",
                "training.averaging.updater-state=average", "training.averaging.frequency=" + k), asShipped));
      }
    }
    if (only != null && !only.isEmpty()) {
      List<String> names = new ArrayList<>(variants.stream().map(Variant::name).toList());
      names.add(SINGLE);
      for (String name : only) {
        if (!names.contains(name)) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--engines: no engine named '" + name + "'; known: " + String.join(", ", names));
        }
      }
      variants.removeIf(v -> !only.contains(v.name()));
    }
    if (seeds < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seeds: expected at least 1, found " + seeds);
    }
    List<String> job = new ArrayList<>();
    if (conf == null) {
      Path data = out.resolve("data").toAbsolutePath();
      SyntheticDataset.generate(DATASET, data);
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

    console.printf("convoy bench engines: %s, %d workers x %d threads, batch %d per worker, %d epochs, %d seed(s)%n",
        base.model().arch(), base.training().workers(), base.cluster().threadsPerWorker(),
        base.training().batchSize(), base.training().epochs(), seeds);
    long firstSeed = base.training().seed();
    List<Row> rows = new ArrayList<>();
    if (only == null || only.isEmpty() || only.contains(SINGLE)) {
      rows.add(over(SINGLE, seed -> singleProcess(ConfigLoader.load(conf, with(job, List.of("training.seed=" + seed)))),
          firstSeed, console));
    }
    for (Variant v : variants) {
      rows.add(over(v.name(), seed -> {
        List<String> all = with(job, v.settings());
        all.add("training.seed=" + seed);
        // Engines are compared on training: no training-set evaluation or report in the wall time.
        all.add("output.train-metrics-images=0");
        all.add("output.report=false");
        Path dir = out.resolve(v.name().replace(' ', '-').replace("=", "") + (seeds > 1 ? "-seed" + seed : ""))
            .toAbsolutePath();
        long start = System.nanoTime();
        if (v.asShipped()) {
          com.fasterxml.jackson.databind.JsonNode last = AsShippedRun.train(conf, all, dir);
          return new double[] {last.path("images_per_sec").asDouble(), last.path("val_top1").asDouble(),
              (System.nanoTime() - start) / 1e9};
        }
        all.add("output.dir=" + dir);
        TrainingSummary s = new TrainingRun(ConfigLoader.load(conf, all), new PrintWriter(new StringWriter())).run();
        return new double[] {s.imagesPerSec(), s.valTop1(), (System.nanoTime() - start) / 1e9};
      }, firstSeed, console));
    }
    print(console, rows);
    return ExitStatus.OK;
  }

  static final String SINGLE = "single-process DL4J";

  private interface SeededRun {
    /** images/s, val top-1, wall seconds of one run with this seed. */
    double[] run(long seed) throws Exception;
  }

  private Row over(String name, SeededRun run, long firstSeed, PrintWriter console) throws Exception {
    double[] speed = new double[seeds];
    double[] top1 = new double[seeds];
    double seconds = 0;
    for (int i = 0; i < seeds; i++) {
      double[] r = run.run(firstSeed + i);
      speed[i] = r[0];
      top1[i] = r[1];
      seconds += r[2];
      console.printf(Locale.ROOT, "  %-34s %8.0f images/s  val top-1 %.4f%s%n", name, r[0], r[1],
          seeds > 1 ? "  (seed " + (firstSeed + i) + ")" : "");
      console.flush();
    }
    return new Row(name, new Median().evaluate(speed), top1, seconds);
  }

  private static List<String> with(List<String> job, List<String> more) {
    List<String> all = new ArrayList<>(job);
    all.addAll(more);
    return all;
  }

  /** Plain DL4J in this process on the whole training set, ND4J threads = workers x threads. */
  private double[] singleProcess(ConvoyConfig config) {
    long start = System.nanoTime();
    Configuration hadoop = new Configuration();
    DatasetPlan plan = DatasetPlan.of(config.data(), hadoop, config.training().seed());
    ShardReader reader = new ShardReader(new HadoopConf(hadoop));
    List<EncodedSample> train = read(reader, Sharder.shard(plan.train().samples(), 1, config.training().seed()).get(0));
    List<EncodedSample> val = read(reader, plan.val().samples());
    BatchSchedule schedule = new BatchSchedule(config.training().seed(), train.size(),
        config.training().batchSize(), config.training().epochs());
    ModelSpec modelSpec = ModelSpecs.of(config, plan.classes().size(), 1, schedule.batchesPerEpoch());
    SingleProcessTraining.Result r = new SingleProcessTraining(modelSpec,
        ImagePipeline.of(config.pipeline().train(), config.data()),
        ImagePipeline.of(config.pipeline().eval(), config.data()), schedule,
        config.training().workers() * config.cluster().threadsPerWorker(), config.training().prefetchBatches())
        .run(train, val, config.training().seed());
    return new double[] {r.imagesPerSec(), r.validation().top1(), (System.nanoTime() - start) / 1e9};
  }

  private static List<EncodedSample> read(ShardReader reader, List<Sample> samples) {
    List<EncodedSample> out = new ArrayList<>();
    Iterator<EncodedSample> it = reader.call(List.<List<Sample>>of(new ArrayList<>(samples)).iterator());
    it.forEachRemaining(out::add);
    return out;
  }

  private void print(PrintWriter console, List<Row> rows) {
    double single = rows.stream().filter(r -> r.engine().equals(SINGLE)).findFirst()
        .map(Row::imagesPerSec).orElse(Double.NaN);
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", r.engine());
        m.put("images_per_sec", r.imagesPerSec());
        if (!Double.isNaN(single)) {
          m.put("ratio_to_single_process", r.imagesPerSec() / single);
        }
        m.put("val_top1", r.meanTop1());
        if (seeds > 1) {
          m.put("val_top1_sd", r.spreadTop1());
          m.put("val_top1_seeds", r.valTop1());
        }
        m.put("wall_seconds", r.seconds());
        list.add(m);
      }
      console.println(MetricsLog.toJson(list));
      return;
    }
    String top1Header = seeds > 1 ? "val top-1 (mean +- sd of " + seeds + " seeds)" : "val top-1";
    console.printf("%n%-34s %10s %10s  %s%n", "engine", seeds > 1 ? "images/s*" : "images/s", "vs single",
        top1Header);
    for (Row r : rows) {
      console.printf(Locale.ROOT, "%-34s %10.0f %10s  %.4f%s%n", r.engine(), r.imagesPerSec(),
          Double.isNaN(single) ? "-" : String.format(Locale.ROOT, "%.2fx", r.imagesPerSec() / single), r.meanTop1(),
          seeds > 1 ? String.format(Locale.ROOT, " +- %.4f", r.spreadTop1()) : "");
    }
    if (seeds > 1) {
      console.println("* median over the seeds");
    }
    // The engine issue's targets: convoy's parameter averaging against dl4j-spark's at the same k.
    for (Row r : rows) {
      if (!r.engine().startsWith("dl4j-paramavg k=")) {
        continue;
      }
      String k = r.engine().substring("dl4j-paramavg ".length()).split(" ")[0];
      for (Row c : rows) {
        if (c.engine().endsWith("parameters " + k) && !c.engine().startsWith("dl4j")) {
          console.printf(Locale.ROOT, "%-34s %9.2fx images/s, val top-1 %+.2f points%n",
              c.engine() + " / " + r.engine(), c.imagesPerSec() / r.imagesPerSec(),
              100 * (c.meanTop1() - r.meanTop1()));
        }
      }
    }
  }
}
