package io.convoy.driver;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy train}: one training run from a job file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network on an image folder, data-parallel on Spark.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "HOCON job file (defaults: reference.conf; examples in conf/examples/)")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, e.g. --set training.epochs=3")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (same as --set cluster.master=URL)")
  String master;

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
    List<String> all = new ArrayList<>(overrides);
    if (master != null) {
      all.add("cluster.master=" + master);
    }
    if (out != null) {
      all.add("output.dir=" + out);
    }
    if (resume == null) {
      new TrainingRun(ConfigLoader.load(conf, all), spec.commandLine().getOut(), null, EpochProgress.Mode.of(quiet))
          .run();
      return ConvoyMain.OK;
    }
    String dir = resume.isEmpty() ? null : resume;
    ConvoyConfig config;
    if (conf != null) {
      config = ConfigLoader.load(conf, all);
    } else {
      String from = dir != null ? dir : checkpointDir(ConfigLoader.load(null, all));
      config = Resume.configOf(from, new Configuration(), spec.commandLine().getOut(), all);
    }
    new TrainingRun(config, spec.commandLine().getOut(), dir != null ? dir : checkpointDir(config),
        EpochProgress.Mode.of(quiet)).run();
    return ConvoyMain.OK;
  }
}
