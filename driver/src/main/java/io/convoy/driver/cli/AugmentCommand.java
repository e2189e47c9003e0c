package io.convoy.driver.cli;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.NioLocalFileSystem;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.data.AugmentJob;
import io.convoy.pipeline.codec.ImageEncoder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy augment}: augmented copies of a dataset, as a Spark job (see {@link AugmentJob}). */
@Command(name = "augment", mixinStandardHelpOptions = true,
    description = {"Write K augmented copies of every image of DIR/<class>/<image> (or of a pack) to "
        + "OUT/<class>/<name>_aug<k>.<format>, with pipeline.train (without normalize) at data.image-size. "
        + "Copy k is the augmentation training would use in epoch k. Resumable: outputs that exist are kept.",
        "Example: convoy augment --data photos/ --out photos-aug/ --copies 4 --set data.image-size=224 "
            + "--set pipeline.train=imagenet-train"})
public final class AugmentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "image folder or pack (any Hadoop URI)")
  String data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (any Hadoop URI)")
  String out;

  @Option(names = "--copies", paramLabel = "K", description = "augmented copies per image (required unless --preview)")
  Integer copies;

  @Option(names = "--format", defaultValue = "png", paramLabel = "FMT",
      description = "png or jpg (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--preview", paramLabel = "N",
      description = "also (or, without --copies, only) write OUT/preview.png: a grid of N augmented samples")
  Integer preview;

  @Mixin JobOptions job;
  @Mixin JobOptions.Master master;

  @Override
  public Integer call() {
    if (copies == null && preview == null) {
      throw new UsageException("--copies K is required (or --preview N for a preview only)");
    }
    if (copies != null && (copies < 1 || copies > 100_000)) {
      throw new UsageException("--copies " + copies + ": expected 1 to 100000");
    }
    if (preview != null && (preview < 1 || preview > 10_000)) {
      throw new UsageException("--preview " + preview + ": expected 1 to 10000");
    }
    if (!ImageEncoder.FORMATS.contains(format)) {
      throw new UsageException("--format " + format + ": expected one of " + ImageEncoder.FORMATS);
    }
    ConvoyConfig config = job.load(master);
    // before the first local file is touched through Hadoop, which caches the file: file system
    NioLocalFileSystem.installForMaster(SparkContexts.master(config));
    PrintWriter console = spec.commandLine().getOut();
    try (JavaSparkContext sc = SparkContexts.create(config, "convoy augment")) {
      AugmentJob job = new AugmentJob(sc, config, data);
      if (preview != null) {
        console.printf("convoy: preview of %d augmented images in %s%n",
            Math.min(preview, job.catalog().samples().size()), job.preview(out, preview));
      }
      if (copies != null) {
        AugmentJob.Report r = job.run(out, copies, format);
        console.printf(Locale.ROOT, "convoy: augment: %,d images x %d copies = %,d outputs in %s: %,d written, "
                + "%,d already there, %,d failed; %d partial files removed%n",
            r.sources(), r.copies(), r.sources() * r.copies(), out, r.written(), r.existing(), r.failed().size(),
            r.partialsRemoved());
        for (String f : r.failed()) {
          console.println("  failed: " + f.replace('\t', ' '));
        }
      }
    }
    return ExitStatus.OK;
  }
}
