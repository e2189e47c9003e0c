package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.PackJob;
import io.convoy.pipeline.pack.ChannelStats;
import io.convoy.pipeline.pack.PackIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy pack}: an image folder into SequenceFile shards plus an index (see {@link PackJob}). */
@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Pack DIR/<class>/<image> into Hadoop SequenceFiles with an index of labels, counts and "
        + "pixel statistics; data.train and data.val may then point at the pack.")
public final class PackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "image folder (any Hadoop URI)")
  String data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "new folder for the pack")
  String out;

  @Option(names = "--shards", defaultValue = "8", paramLabel = "N",
      description = "SequenceFiles to write, one Spark task each (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "Spark master (default: ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the class-balanced assignment to shards")
  long seed;

  @Override
  public Integer call() {
    if (shards < 1 || shards > 100_000) {
      throw new UsageException("--shards " + shards + ": expected 1 to 100000");
    }
    ConvoyConfig config = ConfigLoader.load(null, List.of("cluster.master=" + master));
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy pack")) {
      PackIndex index = PackJob.run(sc, data, out, shards, seed);
      ChannelStats s = index.stats();
      spec.commandLine().getOut().printf(Locale.ROOT,
          "convoy: packed %,d images of %d classes into %d shards in %s (%d skipped)%n"
              + "  mean %s  std %s  eigval %s%n",
          index.count(), index.classes().size(), index.shards().size(), out, index.skipped(),
          fmt(s.mean()), fmt(s.std()), fmt(s.eigval()));
    }
    return ExitStatus.OK;
  }

  private static String fmt(double[] v) {
    return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.4f", d)).toList().toString();
  }
}
