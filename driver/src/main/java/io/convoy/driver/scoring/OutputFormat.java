package io.convoy.driver.scoring;

import io.convoy.driver.common.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats {@code convoy predict --data} writes its table in, with Spark's writers. */
public enum OutputFormat {
  PARQUET,
  /** With a header; the top-k arrays as JSON text, since CSV has no arrays. */
  CSV,
  /** JSON lines, Spark's json writer. */
  JSONL;

  /** {@code --format}'s value, in any case. */
  public static OutputFormat parse(String name) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new UsageException("--format " + name + ": expected one of " + Arrays.stream(values())
        .map(OutputFormat::toString).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
