package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.UsageException;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.TrainingPlan;
import io.convoy.model.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy model}: inspect the model zoo without training anything. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Inspect the architectures of the model zoo.",
    subcommands = {ModelCommand.Summary.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: summary");
  }

  /** {@code convoy model summary}: layers, output shapes, parameters and FLOPs of one architecture. */
  @Command(name = "summary", mixinStandardHelpOptions = true,
      description = "Print each layer's output shape and parameters, the total parameter count and the "
          + "forward FLOPs (2 x multiply-adds) of an architecture. Nothing is allocated.")
  static final class Summary implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "NAME", description = "architecture (see model.arch)")
    String arch;

    @Option(names = "--classes", defaultValue = "1000", description = "number of classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--input", defaultValue = "224x224x3", paramLabel = "HxWxC",
        description = "input height x width x channels (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--json", description = "one JSON object: arch, input, classes, params, dl4j_params, flops, layers")
    boolean json;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "a model.* setting, e.g. --set model.batch-norm=true (repeatable)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
      InputShape shape;
      try {
        shape = InputShape.parse(input);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--input " + e.getMessage());
      }
      if (classes < 1) {
        throw new UsageException("--classes " + classes + ": expected a positive number of classes");
      }
      if (!ModelZoo.names().contains(arch)) {
        throw new UsageException("--arch " + arch + ": unknown architecture; known: " + String.join(", ",
            io.convoy.conf.ModelConfig.ARCHITECTURES));
      }
      List<String> overrides = new ArrayList<>(sets);
      overrides.add("model.arch=" + arch);
      ConvoyConfig config = ConfigLoader.load(null, overrides);
      ModelSummary summary = ModelSummary.of(new ModelSpec(config.model(), shape, classes, config.optimizer(),
          TrainingPlan.SINGLE));
      var out = spec.commandLine().getOut();
      out.print(json ? summary.toJson() + System.lineSeparator() : summary.toText());
      out.flush();
      return ExitStatus.OK;
    }
  }
}
