package io.convoy.driver.cli;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.report.ReportWriter;
import io.convoy.driver.report.RunReport;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy report}: writes (again) a run's {@code report.html} from its outputs, for runs
 * made with {@code output.report = false}, stopped before the end, or trained by older convoys.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html into a run's output folder from its metrics.jsonl, model.zip and config.conf.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "a run's output folder")
  String run;

  @Override
  public Integer call() {
    Configuration hadoop = new Configuration();
    requireRun(hadoop);
    OutputDir out = new OutputDir(run, hadoop);
    PrintWriter console = spec.commandLine().getOut();
    ConvoyConfig config = ConfigLoader.parse(new String(out.read("config.conf"), StandardCharsets.UTF_8));
    List<String> labels = new String(out.read("labels.txt"), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).toList();
    List<RunReport.SampleRow> rows;
    try {
      rows = ReportWriter.samples(config, Catalog.scan(config.data().train(), hadoop), hadoop);
    } catch (DatasetException | UncheckedIOException e) {
      // The training images may be gone or elsewhere by now: the rest of the report does not need them.
      console.printf("convoy: no augmented samples in the report: %s%n", e.getMessage());
      rows = List.of();
    }
    ReportWriter.write(out, ReportWriter.report(out, labels, rows), console);
    return ExitStatus.OK;
  }

  private void requireRun(Configuration hadoop) {
    try {
      Path dir = new Path(run);
      FileSystem fs = dir.getFileSystem(hadoop);
      for (String name : List.of("metrics.jsonl", "config.conf", "labels.txt", "model.zip")) {
        if (!fs.isFile(new Path(dir, name))) {
          throw new UsageException("--run " + run + ": no " + name + " there; give the output folder of a run of "
              + "convoy train");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + run + ": " + e.getMessage(), e);
    }
  }
}
