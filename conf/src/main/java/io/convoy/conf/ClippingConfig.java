package io.convoy.conf;

import io.convoy.conf.names.ClippingName;
import java.io.Serializable;

/**
 * Gradient clipping.
 *
 * @param mode none, value or norm (see {@link ClippingName})
 * @param threshold the clipping bound t, positive
 */
public record ClippingConfig(ClippingName mode, double threshold) implements Serializable {
  /** No clipping, with the default threshold (as in reference.conf). */
  public static final ClippingConfig NONE = new ClippingConfig(ClippingName.NONE, 1.0);
}
