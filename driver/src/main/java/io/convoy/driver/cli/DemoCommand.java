package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.train.EpochBar;
import io.convoy.driver.train.TrainingRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy demo}: generate a small shapes dataset and train on it locally, end to end. The
 * job file it uses is written beside the outputs so the run can be repeated with
 * {@code convoy train --conf}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a small shapes dataset and train on it in local mode.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final ShapesSpec DATASET = new ShapesSpec(8, 300, 60, 32, "png", 42);

  @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR",
      description = "folder for the dataset and outputs (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin JobOptions.Master master;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key of the demo job")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path data = out.resolve("data").toAbsolutePath();
    spec.commandLine().getOut().println("convoy demo: generating " + DATASET.classes() + " classes of shapes in " + data);
    SyntheticDataset.generate(DATASET, data);
    Path job = out.resolve("demo.conf").toAbsolutePath();
    try (InputStream template = DemoCommand.class.getResourceAsStream("demo.conf")) {
      String text = new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("@DATA@", data.toString()).replace("@OUT@", out.toAbsolutePath().toString());
      Files.writeString(job, text);
    }
    ConvoyConfig config = ConfigLoader.load(job, master.addTo(overrides));
    spec.commandLine().getOut().println("convoy demo: job file " + job);
    new TrainingRun(config, spec.commandLine().getOut(), null, EpochBar.Mode.of(false)).run();
    return ExitStatus.OK;
  }
}
