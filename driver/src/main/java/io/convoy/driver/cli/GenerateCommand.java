package io.convoy.driver.cli;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.pipeline.synthetic.GeneratedDataset;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convoy generate}: a synthetic ImageNet-style dataset. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic dataset as DIR/train/<class>/* and DIR/val/<class>/*.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kind", defaultValue = "shapes", description = "dataset kind: ${COMPLETION-CANDIDATES}")
  Kind kind;

  @Option(names = "--classes", defaultValue = "8", description = "number of classes (default: ${DEFAULT-VALUE})")
  int classes;

  @Option(names = "--per-class", defaultValue = "300",
      description = "training images per class (default: ${DEFAULT-VALUE})")
  int perClass;

  @Option(names = "--val-per-class", description = "validation images per class (default: per-class / 5)")
  Integer valPerClass;

  @Option(names = "--size", defaultValue = "32", description = "image width and height (default: ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--format", defaultValue = "png", description = "png or jpg (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write")
  Path out;

  enum Kind { shapes }

  @Override
  public Integer call() throws Exception {
    GeneratedDataset d = SyntheticDataset.generate(new ShapesSpec(classes, perClass,
        valPerClass != null ? valPerClass : Math.max(1, perClass / 5), size, format, seed), out);
    spec.commandLine().getOut().printf("convoy: wrote %s (%d classes) to %s%n", kind, d.classes().size(), out.toAbsolutePath());
    return ExitStatus.OK;
  }
}
