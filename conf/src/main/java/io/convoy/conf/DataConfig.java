package io.convoy.conf;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where the images are and what shape the network sees.
 *
 * @param train folder (any Hadoop file system URI) holding {@code <class>/<image>}
 * @param val validation folder of the same layout, or null to split {@code train}
 * @param valFraction fraction of {@code train} held out by a deterministic hash split
 *     when {@code val} is null
 * @param imageSize height and width of the network input, in pixels
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param maxSkipped how many samples that fail to read or decode during training may be
 *     skipped (and listed in {@code skipped.txt}) before the run fails
 */
public record DataConfig(String train, String val, double valFraction, int imageSize, int channels, int maxSkipped)
    implements Serializable {

  /** The default of {@code data.max-skipped}, as in {@code reference.conf}. */
  public static final int DEFAULT_MAX_SKIPPED = 100;

  /** A data configuration with the default skip budget. */
  public DataConfig(String train, String val, double valFraction, int imageSize, int channels) {
    this(train, val, valFraction, imageSize, channels, DEFAULT_MAX_SKIPPED);
  }

  public Optional<String> valPath() {
    return Optional.ofNullable(val);
  }
}
