package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Region;
import io.convoy.pipeline.image.SourceOp;

import java.util.SplittableRandom;

/**
 * Scales an image so that its shorter side is {@code size} pixels, keeping the aspect ratio (the
 * longer side is rounded to the nearest pixel). Bilinear, with pixel centers at half-integer
 * coordinates and edges clamped, as OpenCV's {@code INTER_LINEAR} and PIL's {@code BILINEAR}.
 * When shrinking, the triangle filter widens to the scale factor so that every source pixel
 * contributes (as PIL and torchvision's {@code antialias=True} do): plain 2x2 bilinear would
 * alias badly when large photos are reduced to network size.
 */
public final class Resize implements SourceOp {
  private static final long serialVersionUID = 1L;

  private final int size;

  public Resize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("resize size " + size + ": expected a positive number of pixels");
    }
    this.size = size;
  }

  @Override
  public Region region(int width, int height, SplittableRandom random) {
    return new Region(0, 0, width, height, width <= height ? size : longSide(width, height),
        width <= height ? longSide(height, width) : size);
  }

  @Override
  public String toString() {
    return "resize{size=" + size + "}";
  }

  private int longSide(int longer, int shorter) {
    return Math.max(1, (int) Math.round((double) longer * size / shorter));
  }
}
