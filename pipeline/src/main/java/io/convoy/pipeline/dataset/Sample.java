package io.convoy.pipeline.dataset;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One training or validation image.
 *
 * @param path full URI of the image file, e.g. {@code file:/data/train/cat/1.png} or
 *     {@code hdfs://nn:8020/data/train/cat/1.png}
 * @param label index of its class in {@link Catalog#classes()}
 */
public record Sample(String path, int label) implements Serializable {
  /** The catalog's order: by label, then by path. */
  public static final Comparator<Sample> ORDER =
      Comparator.comparingInt(Sample::label).thenComparing(Sample::path);
}
