package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Region;
import io.convoy.pipeline.image.SourceOp;

import java.util.SplittableRandom;

/**
 * Cuts the central {@code size} x {@code size} square (when the margin is odd, the extra pixel
 * is left on the right or bottom). An image smaller than {@code size} is an error rather than
 * padded: padding would feed the network borders it never sees otherwise, and a too-large crop
 * is always a pipeline mistake (resize to at least {@code size} first).
 */
public final class CenterCrop implements SourceOp {
  private static final long serialVersionUID = 1L;

  private final int size;

  public CenterCrop(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("center-crop size " + size + ": expected a positive number of pixels");
    }
    this.size = size;
  }

  @Override
  public Region region(int w, int h, SplittableRandom random) {
    if (w < size || h < size) {
      throw new IllegalArgumentException("center-crop of " + size + "x" + size + " does not fit a " + w + "x"
          + h + " image: resize the shorter side to at least " + size + " before center-crop");
    }
    return new Region((w - size) / 2, (h - size) / 2, size, size, size, size);
  }

  @Override
  public String toString() {
    return "center-crop{size=" + size + "}";
  }
}
