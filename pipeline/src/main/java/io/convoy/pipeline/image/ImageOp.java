package io.convoy.pipeline.image;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One step of an {@link ImagePipeline}. Implementations are immutable, never change their
 * input, and are Serializable because pipelines are shipped to executors. A random operation
 * takes every random draw from the {@code random} it is given, which the pipeline derives from
 * (seed, epoch, sample id, operation index) for each sample, so that the result depends on
 * nothing else (no shared or thread-local generator).
 */
public interface ImageOp extends Serializable {
  /**
   * Applies the operation.
   *
   * @param random this sample's stream for this operation; may be null for an operation that
   *     is not {@link #isRandom() random}
   */
  Image apply(Image in, SplittableRandom random);

  /**
   * Like {@link #apply}, but may overwrite {@code in}'s pixels and return {@code in}: the
   * caller gives the image up (a pipeline run owns every image it makes). Pixel-wise
   * operations override this to save a copy per operation.
   */
  default Image applyOwned(Image in, SplittableRandom random) {
    return apply(in, random);
  }

  /** Whether {@link #apply} draws from its random stream. */
  default boolean isRandom() {
    return false;
  }

  /** Applies an operation that is not random. */
  default Image apply(Image in) {
    if (isRandom()) {
      throw new IllegalStateException(this + " is random: call apply(image, random)");
    }
    return apply(in, null);
  }
}
