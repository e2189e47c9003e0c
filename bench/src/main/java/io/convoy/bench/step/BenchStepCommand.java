package io.convoy.bench.step;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.NativeVariant;
import io.convoy.model.TrainingPlan;
import io.convoy.model.zoo.ModelZoo;
import io.convoy.worker.replica.NativeThreads;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy bench step}: one replica's training step (forward, backward, optimizer update) on
 * random inputs, timed after warm-up with the median over rounds, and a table by layer type of
 * where the time goes; see {@link StepTimer}. No Spark, no data. bench/pytorch_step.py measures
 * the same networks in PyTorch, bench/vs-pytorch-step.sh runs both side by side.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
    description = "Time one replica's training step (images/s, ms per step, GFLOP/s) and each layer type's "
        + "forward and backward time.")
public final class BenchStepCommand implements Callable<Integer> {
  /** Input and batch when not given: the issue's list (ImageNet sizes for the big networks). */
  static final Map<String, Defaults> DEFAULTS = Map.of(
      "resnet20", new Defaults("32x32x3", 64),
      "resnet18", new Defaults("224x224x3", 32),
      "resnet50", new Defaults("224x224x3", 16),
      "vgg16", new Defaults("224x224x3", 16),
      "alexnet", new Defaults("224x224x3", 32),
      "lenet", new Defaults("28x28x1", 64));
  static final Defaults OTHERWISE = new Defaults("32x32x3", 32);

  record Defaults(String input, int batch) {}

  @Spec CommandSpec spec;

  @Option(names = "--arch", required = true, paramLabel = "NAME", description = "architecture (see model.arch)")
  String arch;

  @Option(names = "--input", paramLabel = "HxWxC",
      description = "input height x width x channels (default: per architecture, e.g. 224x224x3 for resnet18, "
          + "32x32x3 for resnet20, 28x28x1 for lenet; 32x32x3 otherwise)")
  String input;

  @Option(names = "--batch", paramLabel = "B", description = "examples per step (default: per architecture, "
      + "e.g. 32 for resnet18, 16 for resnet50 and vgg16, 64 for resnet20 and lenet; 32 otherwise)")
  Integer batch;

  @Option(names = "--classes", paramLabel = "N",
      description = "classifier outputs (default: 10 for inputs up to 64x64, 1000 above)")
  Integer classes;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
      description = "native threads (ND4J, OpenMP and BLAS; default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--warmup", defaultValue = "2", paramLabel = "S", description = "untimed steps first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--rounds", defaultValue = "5", paramLabel = "R",
      description = "timed rounds; the median is reported (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--steps", defaultValue = "0", paramLabel = "S",
      description = "steps per round; 0 chooses about 1 s per round from the warm-up (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--layer-rounds", defaultValue = "1", paramLabel = "N",
      description = "layer-by-layer steps for the per-type table, median kept; 0 skips it (default: ${DEFAULT-VALUE})")
  int layerRounds;

  @Option(names = "--per-layer", description = "also print every layer's forward and backward time")
  boolean perLayer;

  @Option(names = "--json", description = "print one JSON object on one line instead of tables")
  boolean json;

  @Option(names = "--seed", defaultValue = "1", description = "weights and inputs (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
      description = "what computes the gradients (model.backend): auto (what convoy train picks), dl4j or "
          + "libtorch; the per-type and per-layer tables drive DL4J's layers, so they come with dl4j only "
          + "(default: ${DEFAULT-VALUE})")
  String backend;

  @Override
  public Integer call() {
    ModelSpec model = modelSpec();
    StepTimer.Settings settings = settings();
    NativeThreads.apply(threads); // ND4J's, BLAS's and OpenMP's threads
    StepReport report = new StepTimer(model, settings).run();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(MetricsLog.toJson(StepReportFormat.json(report, threads, perLayer)));
    } else {
      out.print(StepReportFormat.text(report, threads, NativeVariant.loaded(), perLayer));
    }
    out.flush();
    return ExitStatus.OK;
  }

  /** The model to time, every argument checked first (exit status 2 naming the value). */
  ModelSpec modelSpec() {
    if (!ModelZoo.names().contains(arch)) {
      throw new UsageException("--arch " + arch + ": unknown architecture; known: "
          + String.join(", ", io.convoy.conf.ModelConfig.ARCHITECTURES));
    }
    Defaults defaults = DEFAULTS.getOrDefault(arch, OTHERWISE);
    InputShape shape;
    try {
      shape = InputShape.parse(input == null ? defaults.input() : input);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--input " + e.getMessage());
    }
    batch = batch == null ? defaults.batch() : batch;
    positive("--batch", batch, "a positive number of examples per step");
    int outputs = classes == null ? (Math.max(shape.height(), shape.width()) <= 64 ? 10 : 1000) : classes;
    positive("--classes", outputs, "a positive number of classes");
    positive("--threads", threads, "at least 1 native thread");
    if (Arrays.stream(BackendName.values()).noneMatch(b -> b.configName().equals(backend))) {
      throw new UsageException("--backend " + backend + ": expected auto, dl4j or libtorch");
    }
    if (perLayer && backend.equals(BackendName.LIBTORCH.configName())) {
      throw new UsageException("--per-layer with --backend " + backend + ": the per-layer table drives DL4J's "
          + "layers; expected --backend dl4j");
    }
    // The project's default recipe: Nesterov SGD, momentum 0.9, weight decay 5e-4, at a small constant rate.
    ConvoyConfig config = ConfigLoader.load(null, List.of("model.arch=" + arch, "optimizer.name=nesterov",
        "optimizer.lr=0.01", "optimizer.momentum=0.9", "model.backend=" + backend));
    return new ModelSpec(config.model(), shape, outputs, config.optimizer(), TrainingPlan.SINGLE);
  }

  StepTimer.Settings settings() {
    atLeast("--rounds", rounds, 1, "at least 1 round");
    atLeast("--warmup", warmup, 0, "0 or more steps");
    atLeast("--steps", steps, 0, "0 (about 1 s per round) or more steps per round");
    atLeast("--layer-rounds", layerRounds, 0, "0 (no per-layer times) or more");
    return new StepTimer.Settings(batch, warmup, rounds, steps, layerRounds, seed);
  }

  private static void positive(String option, int value, String accepted) {
    atLeast(option, value, 1, accepted);
  }

  private static void atLeast(String option, int value, int min, String accepted) {
    if (value < min) {
      throw new UsageException(option + " " + value + ": expected " + accepted);
    }
  }
}
