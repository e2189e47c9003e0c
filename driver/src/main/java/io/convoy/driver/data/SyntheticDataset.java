package io.convoy.driver.data;

import io.convoy.driver.common.UsageException;
import io.convoy.pipeline.synthetic.GeneratedDataset;
import io.convoy.pipeline.synthetic.ShapesGenerator;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.IOException;
import java.nio.file.Path;

/** A synthetic ImageNet-style dataset of shapes, for {@code convoy generate}, the demo and benchmarks. */
public final class SyntheticDataset {
  private SyntheticDataset() {}

  /**
   * Writes the dataset {@code spec} describes under {@code out} ({@code train/} and {@code val/}).
   *
   * @throws UsageException when the spec is out of range, named as {@code convoy generate}'s options
   */
  public static GeneratedDataset generate(ShapesSpec spec, Path out) throws IOException {
    if (!spec.format().equals("png") && !spec.format().equals("jpg")) {
      throw new UsageException("--format " + spec.format() + ": expected png or jpg");
    }
    if (spec.size() < 8 || spec.size() > 1024) {
      throw new UsageException("--size " + spec.size() + ": expected 8 to 1024 pixels");
    }
    if (spec.perClass() < 1 || spec.valPerClass() < 1) {
      throw new UsageException("--per-class " + spec.perClass() + ", --val-per-class " + spec.valPerClass()
          + ": expected at least 1 image per class");
    }
    try {
      return ShapesGenerator.generate(spec, out);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
