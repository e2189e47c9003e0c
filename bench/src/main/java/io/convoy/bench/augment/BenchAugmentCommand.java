package io.convoy.bench.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OpSpec;
import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.cli.JobOptions;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.DatasetPlan;
import io.convoy.driver.data.DatasetStats;
import io.convoy.model.ModelSpec;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.Sharder;
import io.convoy.pipeline.pack.PackReader;
import io.convoy.pipeline.pack.PackShard;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import io.convoy.worker.ShardReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy bench augment}: training images/s with decode and augmentation in the loader
 * pool against training on the same minibatches decoded beforehand (see
 * {@link AugmentationBenchmark}), in this process, without Spark.
 */
@Command(name = "augment", mixinStandardHelpOptions = true,
    description = {"Training images/s with pipeline.train decoding and augmenting on the loader threads "
        + "against training on the same minibatches decoded beforehand, and their ratio (target >= 0.95 "
        + "when the loader pool has a core of its own).",
        "Example: convoy bench augment --set data.train=data/shapes/train --set pipeline.train=cifar-train"})
public final class BenchAugmentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobOptions job;

  @Option(names = "--rounds", defaultValue = "3", paramLabel = "R",
      description = "measured rounds of each mode, alternating, after a warm-up (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--max-images", defaultValue = "2048", paramLabel = "M",
      description = "training images used at most, one epoch each round (default: ${DEFAULT-VALUE})")
  int maxImages;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || maxImages < 1) {
      throw new UsageException("--rounds " + rounds + ", --max-images " + maxImages + ": expected positive numbers");
    }
    ConvoyConfig config = job.load();
    Configuration hadoop = new Configuration();
    DatasetPlan plan = DatasetPlan.of(config.data(), hadoop, config.training().seed());
    config = DatasetStats.resolve(config, plan.statsSource());
    long seed = config.training().seed();
    List<Sample> picked = Sharder.shard(plan.train().samples(), 1, seed).get(0);
    picked = new ArrayList<>(picked.subList(0, Math.min(maxImages, picked.size())));
    List<EncodedSample> samples = plan.trainPack() != null ? fromPack(plan, picked, hadoop) : new ArrayList<>();
    if (plan.trainPack() == null) {
      new ShardReader(new HadoopConf(hadoop)).call(List.<List<Sample>>of(picked).iterator())
          .forEachRemaining(samples::add);
    }
    BatchSchedule schedule = new BatchSchedule(seed, samples.size(), config.training().batchSize(), 1);
    ModelSpec modelSpec = ModelSpecs.of(config, plan.classes().size(), 1, schedule.batchesPerEpoch());
    ImagePipeline pipeline = ImagePipeline.of(config.pipeline().train(), config.data());
    int threads = config.cluster().threadsPerWorker();
    int loaders = config.cluster().loaderThreads();
    int prefetch = Math.max(1, config.training().prefetchBatches());
    AugmentationBenchmark.Result r = AugmentationBenchmark.run(modelSpec, pipeline, samples, schedule, threads,
        loaders, prefetch, rounds, seed);
    PrintWriter out = spec.commandLine().getOut();
    List<String> ops = config.pipeline().train().stream().map(OpSpec::op).toList();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", modelSpec.arch());
      m.put("ops", ops);
      m.put("image_size", config.data().imageSize());
      m.put("images", r.images());
      m.put("batch_size", config.training().batchSize());
      m.put("threads_per_worker", threads);
      m.put("loader_threads", loaders);
      m.put("cores", Runtime.getRuntime().availableProcessors());
      m.put("augmented_images_per_sec", r.augmented());
      m.put("predecoded_images_per_sec", r.predecoded());
      m.put("ratio", r.ratio());
      m.put("augmented_runs", r.augmentedRuns());
      m.put("predecoded_runs", r.predecodedRuns());
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      out.printf(Locale.ROOT, "convoy bench augment: %s on %d images of %dx%d, batch %d, %d ND4J thread(s), "
              + "%d loader thread(s), %d cores%n", modelSpec.arch(), r.images(), config.data().imageSize(),
          config.data().imageSize(), config.training().batchSize(), threads, loaders,
          Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "  pipeline.train = %s%n", ops);
      out.printf(Locale.ROOT, "  with augmentation   %8.1f images/s  (rounds %s)%n", r.augmented(),
          fmt(r.augmentedRuns()));
      out.printf(Locale.ROOT, "  pre-decoded tensors %8.1f images/s  (rounds %s)%n", r.predecoded(),
          fmt(r.predecodedRuns()));
      out.printf(Locale.ROOT, "  ratio %.3f (target >= 0.95 with a spare core for the loader pool)%n", r.ratio());
    }
    out.flush();
    return ExitStatus.OK;
  }

  /** The picked samples' bytes from the pack's SequenceFiles, in the order picked. */
  private static List<EncodedSample> fromPack(DatasetPlan plan, List<Sample> picked, Configuration hadoop)
      throws java.io.IOException {
    Map<String, byte[]> bytes = new java.util.HashMap<>();
    java.util.Set<String> wanted = new java.util.HashSet<>();
    picked.forEach(p -> wanted.add(PackedDataset.relativePath(p.path())));
    for (PackShard shard : plan.trainPack().shards()) {
      PackReader.read(new org.apache.hadoop.fs.Path(plan.train().root(), shard.file()), hadoop, (k, b) -> {
        if (wanted.contains(k.path())) {
          bytes.put(k.path(), b);
        }
      });
    }
    List<EncodedSample> out = new ArrayList<>();
    for (Sample p : picked) {
      out.add(new EncodedSample(p.path(), p.label(), bytes.get(PackedDataset.relativePath(p.path()))));
    }
    return out;
  }

  private static String fmt(double[] v) {
    return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.1f", d)).toList().toString();
  }
}
