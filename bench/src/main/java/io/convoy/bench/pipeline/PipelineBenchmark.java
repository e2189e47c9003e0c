package io.convoy.bench.pipeline;

import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageFormat;
import io.convoy.pipeline.ImagePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Measures how many images per second a pipeline decodes and augments from encoded bytes in
 * memory (no Spark, no storage): {@code threads} threads each run the pipeline over the images
 * (thread t takes images t, t + threads, ...) for a fixed time; after one warm-up run (JIT,
 * native loading), the median of {@code runs} runs is reported.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  /** Encoded images and the ids passed to the pipeline (paths relative to the folder). */
  public record Images(List<byte[]> bytes, List<String> ids, long totalBytes) {}

  /**
   * @param imagesPerSecond median over the runs of all threads' images / wall seconds
   * @param imagesPerSecondPerThread {@code imagesPerSecond / threads}
   * @param runRates every run's images per second, in run order
   * @param failures images that failed to decode in the measured runs (counted, not timed out)
   * @param imagesPerCpuSecond median over the runs of images / CPU seconds of the whole JVM
   *     process (all threads, GC and JIT included): throughput per core, and robust to other
   *     processes' load on the machine, unlike wall-clock rates
   */
  public record Result(String decoder, int threads, int images, double secondsPerRun, List<Double> runRates,
      double imagesPerSecond, double imagesPerSecondPerThread, long failures, double imagesPerCpuSecond) {}

  /** Reads up to {@code max} JPEG, PNG and BMP files under {@code folder}, in sorted path order. */
  public static Images load(Path folder, int max) {
    List<byte[]> bytes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    long total = 0;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile)
          .filter(p -> ImageFormat.ofName(p.getFileName().toString()).isPresent()).sorted().limit(max).toList()) {
        byte[] b = Files.readAllBytes(p);
        bytes.add(b);
        ids.add(folder.relativize(p).toString());
        total += b.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read images under " + folder, e);
    }
    return new Images(bytes, ids, total);
  }

  /**
   * Runs the pipeline with {@code threads} threads, one warm-up run and {@code runs} measured
   * runs of {@code perRun} each.
   */
  public static Result run(ImagePipeline pipeline, Images images, int threads, Duration perRun, int runs)
      throws InterruptedException {
    if (images.bytes().isEmpty()) {
      throw new IllegalArgumentException("no images to benchmark");
    }
    if (threads < 1 || runs < 1) {
      throw new IllegalArgumentException("threads " + threads + ", runs " + runs + ": expected at least 1 each");
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pipeline-benchmark");
      t.setDaemon(true);
      return t;
    });
    try {
      once(pool, pipeline, images, threads, perRun.dividedBy(2), -1);
      double[] rates = new double[runs];
      double[] cpuRates = new double[runs];
      long failures = 0;
      for (int run = 0; run < runs; run++) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long[] counts = once(pool, pipeline, images, threads, perRun, run);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        rates[run] = counts[0] / seconds;
        cpuRates[run] = cpuSeconds > 0 ? counts[0] / cpuSeconds : Double.NaN;
        failures += counts[1];
      }
      List<Double> runRates = Arrays.stream(rates).boxed().toList();
      double median = median(rates);
      return new Result(pipeline.decoder().toString(), threads, images.bytes().size(), perRun.toMillis() / 1000.0,
          runRates, median, median / threads, failures, median(cpuRates));
    } finally {
      pool.shutdownNow();
    }
  }

  private static double median(double[] values) {
    return new Median().evaluate(values);
  }

  /** CPU time of the whole process, or -1 where the JVM cannot tell. */
  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** One run: {images processed, failures}. */
  private static long[] once(ExecutorService pool, ImagePipeline pipeline, Images images, int threads,
      Duration duration, int epoch) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    int n = images.bytes().size();
    for (int t = 0; t < threads; t++) {
      int first = t;
      futures.add(pool.submit(() -> {
        long done = 0;
        long failed = 0;
        int i = first % n;
        do {
          try {
            pipeline.toTensor(images.bytes().get(i), 42, epoch, images.ids().get(i));
          } catch (ImageDecodeException e) {
            failed++;
          }
          done++;
          i = (i + threads) % n;
        } while (System.nanoTime() < deadline);
        return new long[] {done, failed};
      }));
    }
    long done = 0;
    long failed = 0;
    for (Future<long[]> f : futures) {
      try {
        long[] r = f.get();
        done += r[0];
        failed += r[1];
      } catch (ExecutionException e) {
        throw new IllegalStateException("pipeline failed during the benchmark: " + e.getCause(), e.getCause());
      }
    }
    return new long[] {done, failed};
  }
}
