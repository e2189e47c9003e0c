package io.convoy.driver;

import io.convoy.conf.ConfigException;
import io.convoy.driver.cli.AugmentCommand;
import io.convoy.driver.cli.DemoCommand;
import io.convoy.driver.cli.EvaluateCommand;
import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.cli.GenerateCommand;
import io.convoy.driver.cli.ImportIdxCommand;
import io.convoy.driver.cli.ModelCommand;
import io.convoy.driver.cli.PackCommand;
import io.convoy.driver.cli.PredictCommand;
import io.convoy.driver.cli.ReportCommand;
import io.convoy.driver.cli.SubcommandProvider;
import io.convoy.driver.cli.TrainCommand;
import io.convoy.driver.common.UsageException;
import io.convoy.model.NativeVariant;
import io.convoy.pipeline.dataset.DatasetException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code convoy <command>}: exit status 0 on success, 2 on bad usage or configuration, 1 on any
 * other failure, always with one line on stderr saying what went wrong. The commands below are the
 * driver's own; every {@link SubcommandProvider} on the class path adds one more ({@code bench}).
 */
@Command(name = "convoy", mixinStandardHelpOptions = true, version = "convoy 0.1.0",
    description = "Data-parallel training of convolutional networks on Apache Spark.",
    subcommands = {GenerateCommand.class, ImportIdxCommand.class, TrainCommand.class, DemoCommand.class,
        ModelCommand.class, PackCommand.class, AugmentCommand.class, EvaluateCommand.class,
        PredictCommand.class, ReportCommand.class})
public final class ConvoyMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    NativeVariant.select();
    int status;
    try {
      status = execute(System.out, System.err, args);
    } catch (OutOfMemoryError e) {
      System.err.println("convoy: error: out of memory (" + e.getMessage() + "): raise CONVOY_DRIVER_MEMORY "
          + "or spark.executor.memory, or lower training.batch-size");
      status = ExitStatus.FAILURE;
    } catch (LinkageError e) {
      System.err.println("convoy: error: a class is missing or incompatible (" + e + "): rebuild with "
          + "'mvn -DskipTests install' and run through submit/convoy");
      status = ExitStatus.FAILURE;
    }
    end(status, System.getProperties());
  }

  /**
   * Ends the JVM with {@code status}, except as the driver inside YARN's ApplicationMaster
   * (cluster deploy mode): that reports the application's final status when main returns
   * (succeeded) or throws (failed), then exits the JVM itself. System.exit there would end the JVM
   * before the report, and YARN would record even a successful run as failed ("Shutdown hook
   * called before final status was reported").
   */
  static void end(int status, Properties system) {
    if (!inYarnApplicationMaster(system)) {
      // Spark leaves non-daemon threads behind (barrier timers among them): exit explicitly.
      System.exit(status);
    }
    if (status != ExitStatus.OK) {
      throw new IllegalStateException("convoy exited with status " + status + " (the reason is on the driver's stderr)");
    }
  }

  /** Whether this JVM is YARN's ApplicationMaster running convoy as the driver (it sets these properties). */
  static boolean inYarnApplicationMaster(Properties system) {
    return system.getProperty("spark.master", "").startsWith("yarn")
        && "cluster".equals(system.getProperty("spark.submit.deployMode"));
  }

  /** Runs a command and returns its exit status (used by tests, which must not exit). */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new ConvoyMain());
    for (SubcommandProvider provider : ServiceLoader.load(SubcommandProvider.class, SubcommandProvider.class.getClassLoader())) {
      cli.addSubcommand(provider.command());
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("convoy: " + e.getMessage());
      err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitStatus.USAGE;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Throwable known = find(e, ConfigException.class, DatasetException.class, UsageException.class);
      if (known != null) {
        err.println("convoy: " + known.getMessage());
        return ExitStatus.USAGE;
      }
      // A failed write says which file it was (the innermost cause says only "No space left on device").
      Throwable io = find(e, UncheckedIOException.class);
      err.println("convoy: error: " + oneLine(io != null && io.getMessage() != null ? new Exception(io.getMessage()) : e));
      if (System.getenv("CONVOY_STACKTRACE") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set CONVOY_STACKTRACE=1 for the stack trace)");
      }
      return ExitStatus.FAILURE;
    });
    return cli.execute(args);
  }

  @SafeVarargs
  private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  /** The innermost cause's message, first line only (Spark embeds remote stack traces). */
  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
