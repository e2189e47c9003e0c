package io.convoy.driver.scoring;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.ConvoyMain;
import io.convoy.driver.common.NioLocalFileSystem;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.NativeVariant;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.worker.replica.NativeThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy predict --data} on {@code local[2]} against the single-process path on the same
 * images, side by side in one JVM (a benchmark, run by {@code bench/predict-scaling.sh}, not a
 * test). Each round runs, one after the other, on the same files:
 * <ul>
 *   <li><b>single</b>: one thread reading each file through Hadoop's FileSystem (as
 *       {@code convoy predict IMAGE...} and the Spark tasks read) and scoring with the same
 *       {@link ScoringModel} in the batches {@code predict --data} scores ({@link ScoringModel#batch}:
 *       64 small images, fewer large ones), with the one native thread the launcher gives
 *       {@code convoy predict} (OMP_NUM_THREADS=1); <b>no output</b>;
 *   <li><b>single+parquet</b>: the same, and each image's row of {@link PredictionTable} (top
 *       classes, true class, the accuracy counts) written to one parquet file by parquet-mr without
 *       Spark ({@link ParquetPredictions}): what {@code predict --data} produces, made by one
 *       process, the like-for-like baseline;
 *   <li><b>2 threads</b>: single's loop on two plain Java threads, half the files each, one native
 *       thread each, no output and no Spark: what two cores give this code on this machine, the
 *       ceiling for local[2];
 *   <li><b>local[2]</b>: {@link BatchPrediction} as {@code convoy predict --data --format parquet}
 *       runs it: 2 tasks of 1 native thread, the table written as parquet.
 * </ul>
 * The launcher's set-up for a local master comes first ({@link NioLocalFileSystem#installForMaster}).
 * Models are loaded before timing (in the Spark tasks by the per-JVM cache, as in a real job after its first task). Warm-up
 * rounds run until the JIT compiler takes under 5% of local[2]'s round (at most
 * {@value #MAX_WARM_UP} rounds): JIT work in local[2]'s rounds takes a core from its tasks, while in
 * single's rounds it finds the idle second core, so an unfinished warm-up biases the ratio. Then
 * each round prints images/s, the cores this process used, the cores other processes used
 * meanwhile, the JIT's time and the minor page faults per image; medians and ranges follow, with
 * the ratios. Before the rounds, for reference, {@code convoy predict IMAGE...}'s loop (one image
 * per forward pass) on up to {@value #ONE_BY_ONE} images, and single with 2 native threads.
 *
 * <p>Arguments: [images (default 16000)] [image size (default 32)] [rounds (default 5)] [model:
 * a model folder, or {@code arch:NAME} to train that architecture for one epoch on the generated
 * images (default {@code arch:simple-cnn})].
 */
public final class PredictScalingBenchmark {
  static final int ONE_BY_ONE = 1000;
  static final int MAX_WARM_UP = 4;
  private static final int TOP = 5;
  /** Small enough for a ResNet's activations on 224x224 images; scoring speed does not depend on it. */
  private static final int TRAINING_BATCH = 16;
  private static final Configuration HADOOP = new Configuration();

  /** The variants, in the order each round runs them. */
  private enum Side {
    SINGLE("single"), SINGLE_PARQUET("single+parquet"), TWO_THREADS("2 threads"), LOCAL_2("local[2]");

    final String label;

    Side(String label) {
      this.label = label;
    }
  }

  private PredictScalingBenchmark() {}

  public static void main(String[] args) throws Exception {
    // as predict --data does for a local master, before anything touches a file through Hadoop
    NioLocalFileSystem.installForMaster("local[2]");
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 16000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String modelArg = args.length > 3 ? args[3] : "arch:simple-cnn";
    NativeVariant.select();
    Path work = Files.createTempDirectory("convoy-predict-bench");
    int classes = 8;
    SyntheticDataset.generate(new ShapesSpec(classes, images / classes, 1, size, "png", 7), work.resolve("data"));
    Path data = work.resolve("data").resolve("train");
    String modelDir = modelArg.startsWith("arch:") ? train(work, data, size, modelArg.substring(5)) : modelArg;
    LoadedModel model = ModelZip.read(modelDir, HADOOP);
    ScoringInput input = ScoringInput.of(data.toString(), model.labels(), HADOOP);
    ScoringModel scoring = ScoringModel.of(model);
    System.out.printf("%d images of %dx%d, model %s (%s), %d rounds; load average at start: %s%n",
        input.samples().size(), size, size, model.uri(), model.config().model().arch(), rounds, loadAverage());
    List<Sample> few = input.samples().subList(0, Math.min(ONE_BY_ONE, input.samples().size()));
    single(scoring, few, 1, 1, null);
    System.out.printf(Locale.ROOT, "reference, %d images: one image per pass (convoy predict IMAGE...) %.0f images/s; "
        + "batches with 2 native threads %.0f images/s%n", few.size(), few.size() / single(scoring, few, 1, 1, null),
        few.size() / single(scoring, few, scoring.batch(), 2, null));
    Map<Side, List<Measured>> timed = new LinkedHashMap<>();
    for (Side side : Side.values()) {
      timed.put(side, new ArrayList<>());
    }
    try (JavaSparkContext sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[2]")),
        "predict scaling benchmark")) {
      sc.setLogLevel("WARN");
      boolean warmingUp = true;
      int warmUps = 0;
      for (int r = 0; r < rounds; ) {
        Map<Side, Measured> round = new LinkedHashMap<>();
        for (Side side : Side.values()) {
          round.put(side, run(side, sc, model, scoring, input, work.resolve("out-" + side.name() + "-" + (warmUps + r))));
        }
        StringBuilder line = new StringBuilder(warmingUp ? "warm-up " + (warmUps + 1) : "round " + (r + 1));
        round.forEach((side, m) -> line.append(String.format(Locale.ROOT, "%s %s %s images/s (%.2f cores, others "
            + "%.2f, JIT %d ms, %d page faults/image)", side == Side.SINGLE ? ":" : ";", side.label,
            rate(m.imagesPerSecond()), m.usage.cores(), m.usage.othersCores(), m.usage.jitMillis(),
            m.usage.minorFaults() / m.images)));
        System.out.println(line);
        if (warmingUp) {
          warmUps++;
          CpuUsage spark = round.get(Side.LOCAL_2).usage;
          warmingUp = warmUps < MAX_WARM_UP && spark.jitMillis() >= 0.05 * spark.seconds() * 1000;
          continue;
        }
        round.forEach((side, m) -> timed.get(side).add(m));
        r++;
      }
    }
    summarize(timed);
    System.out.printf("load average at end: %s%n", loadAverage());
  }

  /** A variant's round: how long it took on how many images, and the cores it had. */
  private record Measured(int images, CpuUsage usage) {
    double imagesPerSecond() {
      return images / usage.seconds();
    }

    double imagesPerCpuSecond() {
      return images / (usage.seconds() * usage.cores());
    }
  }

  private static Measured run(Side side, JavaSparkContext sc, LoadedModel model, ScoringModel scoring,
      ScoringInput input, Path out) throws Exception {
    List<Sample> samples = input.samples();
    CpuUsage.Mark start = CpuUsage.Mark.now();
    switch (side) {
      case SINGLE -> single(scoring, samples, scoring.batch(), 1, null);
      case SINGLE_PARQUET -> {
        Files.createDirectories(out);
        try (ParquetPredictions table = new ParquetPredictions(out.resolve("part-00000.parquet").toString(),
            model.labels(), TOP, HADOOP)) {
          single(scoring, samples, scoring.batch(), 1, table);
        }
      }
      case TWO_THREADS -> twoThreads(scoring, samples);
      case LOCAL_2 -> BatchPrediction.run(sc, model, input, 1, TOP, OutputFormat.PARQUET, out.toString());
      default -> throw new IllegalArgumentException(side.toString());
    }
    return new Measured(samples.size(), CpuUsage.since(start));
  }

  /**
   * Reads and scores every sample in this thread, {@code batch} images per pass, and writes their
   * rows to {@code table} unless it is null.
   *
   * @return the seconds it took
   */
  private static double single(ScoringModel model, List<Sample> samples, int batch, int threads,
      ParquetPredictions table) throws IOException {
    NativeThreads.apply(threads);
    long start = System.nanoTime();
    List<Sample> chunk = new ArrayList<>(batch);
    List<byte[]> bytes = new ArrayList<>(batch);
    for (Sample s : samples) {
      chunk.add(s);
      bytes.add(read(s));
      if (chunk.size() == batch) {
        score(model, chunk, bytes, table);
      }
    }
    if (!chunk.isEmpty()) {
      score(model, chunk, bytes, table);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void score(ScoringModel model, List<Sample> chunk, List<byte[]> bytes, ParquetPredictions table)
      throws IOException {
    List<ScoredImage> scored = model.score(bytes);
    if (table != null) {
      for (int i = 0; i < chunk.size(); i++) {
        table.write(chunk.get(i).path(), chunk.get(i).label(), scored.get(i).probabilities());
      }
    }
    chunk.clear();
    bytes.clear();
  }

  /** Through Hadoop's FileSystem, as convoy predict IMAGE... and the Spark tasks read. */
  private static byte[] read(Sample s) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(s.path());
    try (InputStream in = path.getFileSystem(HADOOP).open(path)) {
      return in.readAllBytes();
    }
  }

  /** single's loop on two threads, half the samples each, each with its own network and one native thread. */
  private static void twoThreads(ScoringModel model, List<Sample> samples) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      List<Sample> half = samples.subList(t * samples.size() / 2, (t + 1) * samples.size() / 2);
      Thread thread = new Thread(() -> {
        try {
          NativeThreads.limit(1); // OpenMP's team size is per thread
          single(model, half, model.batch(), 1, null);
        } catch (IOException | RuntimeException e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "benchmark-scorer-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a scoring thread failed", failures.get(0));
    }
  }

  private static void summarize(Map<Side, List<Measured>> timed) {
    Map<Side, Double> medians = new LinkedHashMap<>();
    Map<Side, Double> perCpu = new LinkedHashMap<>();
    for (Map.Entry<Side, List<Measured>> e : timed.entrySet()) {
      double[] rates = e.getValue().stream().mapToDouble(Measured::imagesPerSecond).toArray();
      medians.put(e.getKey(), median(rates));
      perCpu.put(e.getKey(), median(e.getValue().stream().mapToDouble(Measured::imagesPerCpuSecond).toArray()));
      System.out.printf(Locale.ROOT, "%-15s median %s images/s (range %s-%s), cores used %.2f, other processes "
          + "%.2f cores, %.1f images per CPU-second (medians)%n", e.getKey().label, rate(medians.get(e.getKey())),
          rate(Arrays.stream(rates).min().orElse(0)), rate(Arrays.stream(rates).max().orElse(0)),
          median(e.getValue().stream().mapToDouble(m -> m.usage.cores()).toArray()),
          median(e.getValue().stream().mapToDouble(m -> m.usage.othersCores()).toArray()), perCpu.get(e.getKey()));
    }
    double spark = medians.get(Side.LOCAL_2);
    System.out.printf(Locale.ROOT, "local[2] / single+parquet = %.2fx (like for like: both write the table); "
        + "local[2] / single = %.2fx (single writes nothing); 2 threads / single = %.2fx (two cores without Spark)%n",
        spark / medians.get(Side.SINGLE_PARQUET), spark / medians.get(Side.SINGLE),
        medians.get(Side.TWO_THREADS) / medians.get(Side.SINGLE));
    System.out.printf(Locale.ROOT, "images per CPU-second, local[2] / single+parquet = %.2fx, 2 threads / single = "
        + "%.2fx%n", perCpu.get(Side.LOCAL_2) / perCpu.get(Side.SINGLE_PARQUET),
        perCpu.get(Side.TWO_THREADS) / perCpu.get(Side.SINGLE));
  }

  /** Images/s with the digits that mean something: 5,545 or 17.4. */
  private static String rate(double imagesPerSecond) {
    return String.format(Locale.ROOT, imagesPerSecond >= 100 ? "%.0f" : "%.1f", imagesPerSecond);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String train(Path work, Path data, int size, String arch) {
    Path run = work.resolve("run");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    int status = ConvoyMain.execute(quiet, System.err, "train", "--set", "data.train=" + data, "--set",
        "data.image-size=" + size, "--set", "model.arch=" + arch, "--set", "training.epochs=1", "--set",
        "training.workers=2", "--set", "training.batch-size=" + TRAINING_BATCH, "--set", "output.report=false",
        "--master", "local[2]", "--out", run.toString());
    if (status != 0) {
      throw new IllegalStateException("training the benchmark's " + arch + " failed with status " + status);
    }
    return run.toString();
  }
}
