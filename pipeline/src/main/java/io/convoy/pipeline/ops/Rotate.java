package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.SplittableRandom;

/**
 * Rotates the image about its center by an angle drawn uniformly from [min, max] degrees
 * (counter-clockwise on screen), keeping its size; bilinear, corners filled with 0.
 */
public final class Rotate implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final double min;
  private final double max;

  public Rotate(double min, double max) {
    if (!(min >= -180 && min <= max && max <= 180)) {
      throw new IllegalArgumentException("rotate degrees [" + min + ", " + max + "]: expected -180 <= low <= high <= 180");
    }
    this.min = min;
    this.max = max;
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    double angle = RandomResizedCrop.uniform(random, min, max);
    double[] m = Warp.matrix(angle, 1, 0);
    return Warp.affine(in, m[0], m[1], m[2], m[3], 0, 0);
  }

  @Override
  public String toString() {
    return "rotate{degrees=[" + min + ", " + max + "]}";
  }
}
