package io.convoy.pipeline.pack;

import java.io.Serializable;
import java.util.List;

/**
 * One SequenceFile of a pack.
 *
 * @param file its name inside the pack folder, e.g. {@code part-00003.seq}
 * @param count records in it
 * @param classCounts records per label
 */
public record PackShard(String file, long count, List<Long> classCounts) implements Serializable {
  public PackShard {
    classCounts = List.copyOf(classCounts);
  }
}
