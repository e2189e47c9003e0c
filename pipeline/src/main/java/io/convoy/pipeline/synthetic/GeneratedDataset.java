package io.convoy.pipeline.synthetic;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a generated dataset was written.
 *
 * @param root the folder given to the generator
 * @param train {@code root/train}, holding {@code <class>/<i>.<ext>}
 * @param val {@code root/val}, the same layout
 * @param classes class names in label order (sorted)
 */
public record GeneratedDataset(Path root, Path train, Path val, List<String> classes) {
  public GeneratedDataset {
    classes = List.copyOf(classes);
  }
}
