package io.convoy.driver;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convoy bench <what>}: measurements of one part of the system on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure one part of convoy on this machine.",
    subcommands = {BenchPipelineCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: pipeline");
  }
}
