package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.api.TrainingJob;
import io.convoy.driver.train.EpochBar;
import io.convoy.driver.train.Resume;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy train}: one training run from a job file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network on an image folder, data-parallel on Spark.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobOptions job;
  @Mixin JobOptions.Master master;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (same as --set output.dir=DIR)")
  String out;

  @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "DIR",
      description = "continue from the newest valid checkpoint in DIR (default: checkpoint.dir); without --conf, "
          + "the checkpoint's own configuration (with any --set) is used")
  String resume;

  @Option(names = "--quiet", description = "no progress bar or per-round lines, only a line per epoch")
  boolean quiet;

  private static String checkpointDir(ConvoyConfig config) {
    return config.checkpoint().resolvedDir(config.output().dir());
  }

  @Override
  public Integer call() throws Exception {
    List<String> all = master.addTo(job.settings());
    if (out != null) {
      all.add("output.dir=" + out);
    }
    if (resume == null) {
      TrainingJob.of(ConfigLoader.load(job.conf(), all)).console(spec.commandLine().getOut())
          .progress(EpochBar.Mode.of(quiet)).run();
      return ExitStatus.OK;
    }
    String dir = resume.isEmpty() ? null : resume;
    ConvoyConfig config;
    if (job.conf() != null) {
      config = ConfigLoader.load(job.conf(), all);
    } else {
      String from = dir != null ? dir : checkpointDir(ConfigLoader.load(null, all));
      config = Resume.configOf(from, new Configuration(), spec.commandLine().getOut(), all);
    }
    TrainingJob.of(config).console(spec.commandLine().getOut()).progress(EpochBar.Mode.of(quiet))
        .resumeFrom(dir != null ? dir : checkpointDir(config)).run();
    return ExitStatus.OK;
  }
}
