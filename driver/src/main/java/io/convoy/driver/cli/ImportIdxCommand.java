package io.convoy.driver.cli;

import io.convoy.pipeline.dataset.IdxImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy import-idx}: MNIST-style IDX files to class folders of PNGs, so that real
 * handwritten digits train through the same catalog and pipeline as any image folder.
 */
@Command(name = "import-idx", mixinStandardHelpOptions = true,
    description = {"Write an IDX image/label pair (MNIST, Fashion-MNIST; gzipped or not) as OUT/<label>/<i>.png.",
        "Example: convoy import-idx --images train-images-idx3-ubyte --labels train-labels-idx1-ubyte --out mnist/train"})
public final class ImportIdxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--images", required = true, paramLabel = "FILE", description = "IDX file of unsigned-byte images")
  Path images;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "IDX file of unsigned-byte labels")
  Path labels;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write class folders into")
  Path out;

  @Override
  public Integer call() throws Exception {
    IdxImport.Result result = IdxImport.write(images, labels, out);
    int total = 0;
    for (int c : result.counts()) {
      total += c;
    }
    spec.commandLine().getOut().printf("convoy: wrote %,d images in %d classes to %s%n", total,
        result.classes().size(), out.toAbsolutePath());
    return ExitStatus.OK;
  }
}
