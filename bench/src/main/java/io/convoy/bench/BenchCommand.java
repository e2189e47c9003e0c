package io.convoy.bench;

import io.convoy.bench.allreduce.BenchAllreduceCommand;
import io.convoy.bench.augment.BenchAugmentCommand;
import io.convoy.bench.engines.BenchEnginesCommand;
import io.convoy.bench.pipeline.BenchPipelineCommand;
import io.convoy.bench.step.BenchStepCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convoy bench}: measurements that compare side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: images/s of convoy against the alternatives, in one run.",
    subcommands = {BenchEnginesCommand.class, BenchPipelineCommand.class, BenchAugmentCommand.class,
        BenchAllreduceCommand.class, BenchStepCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
