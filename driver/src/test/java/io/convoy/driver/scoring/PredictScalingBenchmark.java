package io.convoy.driver.scoring;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.ConvoyMain;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.model.NativeVariant;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.worker.replica.NativeThreads;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code convoy predict --data} on {@code local[2]} against the single-process path on the same
 * images, side by side in one JVM (a benchmark, run by {@code bench/predict-scaling.sh}, not a
 * test). Rounds alternate between the two; medians of images/s are printed with their ratio:
 * <ul>
 *   <li>single: one process scoring with the same {@link ImageScorer} in batches of
 *       {@value PartitionScoring#BATCH}, with the one native thread the launcher gives
 *       {@code convoy predict} (OMP_NUM_THREADS=1);
 *   <li>local[2]: the Spark job ({@link BatchPrediction}, writing parquet), 2 tasks of 1 thread.
 * </ul>
 * Both read the files and decode every image each round; the model is loaded before timing (in
 * the Spark tasks by the per-JVM cache, as in a real job after its first task). Before the
 * rounds, for reference, it times once on up to {@value #ONE_BY_ONE} images
 * {@code convoy predict IMAGE...}'s loop (one image per forward pass) and the single process
 * with ND4J and OpenMP given both cores. Each round also prints the cores the process used
 * (its CPU time over the wall time): on a shared machine local[2] can only be faster when it gets
 * about two cores while the single process gets one.
 *
 * <p>Arguments: [images (default 16000)] [image size (default 32)] [rounds (default 5)] [model
 * folder (default: trains simple-cnn for one epoch on the generated images)].
 */
public final class PredictScalingBenchmark {
  static final int ONE_BY_ONE = 1000;
  private static final Configuration HADOOP = new Configuration();
  private static final OperatingSystemMXBean CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private PredictScalingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 16000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    NativeVariant.select();
    Path work = Files.createTempDirectory("convoy-predict-bench");
    int classes = 8;
    SyntheticDataset.generate(new ShapesSpec(classes, images / classes, 1, size, "png", 7), work.resolve("data"));
    Path data = work.resolve("data").resolve("train");
    String modelDir = args.length > 3 ? args[3] : train(work, data, size);
    Configuration hadoop = new Configuration();
    LoadedModel model = ModelZip.read(modelDir, hadoop);
    ScoringInput input = ScoringInput.of(data.toString(), model.labels(), hadoop);
    ScoringModel single = ScoringModel.of(model);
    System.out.printf("%d images of %dx%d, model %s (%s), %d rounds%n", input.samples().size(), size, size,
        model.uri(), model.config().model().arch(), rounds);
    List<Sample> few = input.samples().subList(0, Math.min(ONE_BY_ONE, input.samples().size()));
    singleProcess(single, few, 1, 1);
    System.out.printf(Locale.ROOT, "reference, %d images: one image per pass (convoy predict IMAGE...) %.0f images/s; "
        + "batches with 2 native threads %.0f images/s%n", few.size(), singleProcess(single, few, 1, 1),
        singleProcess(single, few, PartitionScoring.BATCH, 2));
    double[] one = new double[rounds + 1];
    double[] spark = new double[rounds + 1];
    double[] oneCores = new double[rounds + 1];
    double[] sparkCores = new double[rounds + 1];
    try (JavaSparkContext sc = SparkContexts.create(ConfigLoader.load(null, List.of("cluster.master=local[2]")),
        "predict scaling benchmark")) {
      sc.setLogLevel("WARN");
      // Round 0 warms both up (JIT, native libraries, Spark SQL's planning, the executors' model cache).
      for (int r = 0; r <= rounds; r++) {
        long cpu = CPU.getProcessCpuTime();
        long start = System.nanoTime();
        one[r] = singleProcess(single, input.samples(), PartitionScoring.BATCH, 1);
        oneCores[r] = (CPU.getProcessCpuTime() - cpu) / (double) (System.nanoTime() - start);
        cpu = CPU.getProcessCpuTime();
        start = System.nanoTime();
        BatchPrediction.run(sc, model, input, 1, 5, OutputFormat.PARQUET, work.resolve("out-" + r).toString());
        long wall = System.nanoTime() - start;
        spark[r] = input.samples().size() / (wall / 1e9);
        sparkCores[r] = (CPU.getProcessCpuTime() - cpu) / (double) wall;
        System.out.printf(Locale.ROOT, "round %d%s: single %.0f images/s (%.2f cores), local[2] %.0f images/s "
            + "(%.2f cores)%n", r, r == 0 ? " (warm-up)" : "", one[r], oneCores[r], spark[r], sparkCores[r]);
      }
    }
    double s = median(one);
    double l = median(spark);
    System.out.printf(Locale.ROOT, "median images/s: single %.0f, local[2] %.0f; local[2] / single = %.2fx%n", s, l,
        l / s);
    // Where the machine is shared, the wall-clock ratio says how many cores each variant got as
    // much as what it does with them: images per CPU-second says the latter alone.
    double[] onePerCpu = new double[rounds + 1];
    double[] sparkPerCpu = new double[rounds + 1];
    for (int r = 0; r <= rounds; r++) {
      onePerCpu[r] = one[r] / oneCores[r];
      sparkPerCpu[r] = spark[r] / sparkCores[r];
    }
    System.out.printf(Locale.ROOT, "median images per CPU-second: single %.0f, local[2] %.0f (%.2fx); cores used "
        + "(median): single %.2f, local[2] %.2f%n", median(onePerCpu), median(sparkPerCpu),
        median(sparkPerCpu) / median(onePerCpu), median(oneCores), median(sparkCores));
  }

  /** Images/s of reading and scoring every sample in this thread, {@code batch} images per pass. */
  private static double singleProcess(ScoringModel model, List<Sample> samples, int batch, int threads)
      throws IOException {
    NativeThreads.apply(threads);
    long start = System.nanoTime();
    List<byte[]> chunk = new ArrayList<>(batch);
    for (Sample s : samples) {
      // Through Hadoop's FileSystem, as convoy predict IMAGE... and the Spark tasks read.
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(s.path());
      try (InputStream in = path.getFileSystem(HADOOP).open(path)) {
        chunk.add(in.readAllBytes());
      }
      if (chunk.size() == batch) {
        model.score(chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      model.score(chunk);
    }
    return samples.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Rounds after the warm-up. */
  private static double median(double[] perRound) {
    double[] timed = Arrays.copyOfRange(perRound, 1, perRound.length);
    Arrays.sort(timed);
    int n = timed.length;
    return n % 2 == 1 ? timed[n / 2] : (timed[n / 2 - 1] + timed[n / 2]) / 2;
  }

  private static String train(Path work, Path data, int size) {
    Path run = work.resolve("run");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    int status = ConvoyMain.execute(quiet, System.err, "train", "--set", "data.train=" + data, "--set",
        "data.image-size=" + size, "--set", "training.epochs=1", "--set", "training.workers=2", "--set",
        "output.report=false", "--master", "local[2]", "--out", run.toString());
    if (status != 0) {
      throw new IllegalStateException("training the benchmark's model failed with status " + status);
    }
    return run.toString();
  }
}
