package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads a job ({@code --conf FILE}, {@code --set KEY=VALUE}),
 * declared once and mixed into each command with {@code @Mixin}; {@link Master} adds
 * {@code --master} to the commands whose job runs on Spark.
 */
public final class JobOptions {
  @Option(names = "--conf", paramLabel = "FILE",
      description = "HOCON job file (defaults: reference.conf; examples in conf/examples/)")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override one key (repeatable), e.g. --set training.epochs=3")
  List<String> overrides = new ArrayList<>();

  /** {@code --master URL}: the same as {@code --set cluster.master=URL}. */
  public static final class Master {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (same as --set cluster.master=URL)")
    String url;

    /** {@code settings} with {@code cluster.master} last, where {@code --master} was given. */
    public List<String> addTo(List<String> settings) {
      List<String> all = new ArrayList<>(settings);
      if (url != null) {
        all.add("cluster.master=" + url);
      }
      return all;
    }
  }

  /** The job file given, or null for reference.conf alone. */
  public Path conf() {
    return conf;
  }

  /** The {@code --set} settings, in order. */
  public List<String> settings() {
    return List.copyOf(overrides);
  }

  /** The job: the file (or the defaults) with the settings on top. */
  public ConvoyConfig load() {
    return ConfigLoader.load(conf, overrides);
  }

  /** The job, with {@code --master} on top of the settings. */
  public ConvoyConfig load(Master master) {
    return ConfigLoader.load(conf, master.addTo(overrides));
  }
}
