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
 */
public record DataConfig(String train, String val, double valFraction, int imageSize, int channels)
    implements Serializable {

  public Optional<String> valPath() {
    return Optional.ofNullable(val);
  }
}
