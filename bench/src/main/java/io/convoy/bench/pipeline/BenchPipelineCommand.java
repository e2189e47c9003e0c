package io.convoy.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OpSpec;
import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.cli.JobOptions;
import io.convoy.driver.common.UsageException;
import io.convoy.pipeline.ImagePipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy bench pipeline}: images per second of the configured train (or eval) pipeline,
 * decoding and augmenting real image files held in memory, with N threads.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Images/s of the configured pipeline (decode + augment, no Spark) on the images under DIR.",
        "Example: convoy bench pipeline --data photos/ --threads 2 --set data.image-size=224 "
            + "--set pipeline.train=imagenet-train"})
public final class BenchPipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "folder whose JPEG, PNG and BMP files (any depth) are used")
  Path data;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Mixin JobOptions job;

  @Option(names = "--eval", description = "measure pipeline.eval instead of pipeline.train")
  boolean eval;

  @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
      description = "seconds per measured run (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--runs", defaultValue = "5", paramLabel = "R",
      description = "measured runs, after one warm-up; the median is reported (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--max-images", defaultValue = "2000", paramLabel = "M",
      description = "images read into memory at most (default: ${DEFAULT-VALUE})")
  int maxImages;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(data)) {
      throw new UsageException("--data " + data + ": not a folder; expected a folder of JPEG, PNG or BMP files");
    }
    if (threads < 1 || threads > 1024) {
      throw new UsageException("--threads " + threads + ": expected 1 to 1024");
    }
    if (!(seconds > 0) || runs < 1 || maxImages < 1) {
      throw new UsageException("--seconds " + seconds + ", --runs " + runs + ", --max-images " + maxImages
          + ": expected positive numbers");
    }
    ConvoyConfig config = job.load();
    List<OpSpec> ops = eval ? config.pipeline().eval() : config.pipeline().train();
    PipelineBenchmark.Images images = PipelineBenchmark.load(data, maxImages);
    if (images.bytes().isEmpty()) {
      throw new UsageException("--data " + data + ": no .jpg, .jpeg, .png or .bmp files found");
    }
    ImagePipeline pipeline = ImagePipeline.of(ops, config.data());
    PipelineBenchmark.Result r = PipelineBenchmark.run(pipeline, images, threads,
        Duration.ofMillis(Math.round(seconds * 1000)), runs);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", "pipeline");
      m.put("pipeline", eval ? "eval" : "train");
      m.put("ops", ops.stream().map(OpSpec::op).toList());
      m.put("image_size", config.data().imageSize());
      m.put("channels", config.data().channels());
      m.put("decoder", r.decoder());
      m.put("images", r.images());
      m.put("bytes", images.totalBytes());
      m.put("threads", r.threads());
      m.put("seconds_per_run", r.secondsPerRun());
      m.put("run_images_per_sec", r.runRates());
      m.put("images_per_sec", r.imagesPerSecond());
      m.put("images_per_sec_per_thread", r.imagesPerSecondPerThread());
      m.put("images_per_cpu_sec", r.imagesPerCpuSecond());
      m.put("failures", r.failures());
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      out.printf(Locale.ROOT, "convoy bench pipeline: %d images (%.1f MB) from %s%n", r.images(),
          images.totalBytes() / 1e6, data);
      out.printf(Locale.ROOT, "  pipeline.%s = %s -> %dx%dx%d, %s%n", eval ? "eval" : "train",
          ops.stream().map(OpSpec::op).toList(), config.data().channels(), config.data().imageSize(),
          config.data().imageSize(), r.decoder());
      out.printf(Locale.ROOT, "  %d thread(s): %.1f images/s total, %.1f images/s per thread (median of %d runs of %.1f s: %s)%n",
          r.threads(), r.imagesPerSecond(), r.imagesPerSecondPerThread(), runs, r.secondsPerRun(),
          r.runRates().stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList());
      out.printf(Locale.ROOT, "  %.1f images per CPU second of the process (per core, whatever else runs here)%n",
          r.imagesPerCpuSecond());
      if (r.failures() > 0) {
        out.printf(Locale.ROOT, "  %d undecodable images were skipped%n", r.failures());
      }
    }
    out.flush();
    return ExitStatus.OK;
  }
}
