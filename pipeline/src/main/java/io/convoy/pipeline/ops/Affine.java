package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomAffine} draws, in its order: an angle uniform in [degrees], a
 * translation uniform in +-translate x (width, height) rounded to whole pixels, a scale uniform
 * in [scale], an x shear angle uniform in [shear]. The image is scaled, sheared and rotated
 * (counter-clockwise on screen) about its center, then moved; bilinear, filled with 0.
 */
public final class Affine implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final double[] degrees;
  private final double[] translate;
  private final double[] scale;
  private final double[] shear;

  /** Each argument is a pair; translate holds the largest shifts as fractions of width and height. */
  public Affine(double[] degrees, double[] translate, double[] scale, double[] shear) {
    if (degrees.length != 2 || translate.length != 2 || scale.length != 2 || shear.length != 2
        || degrees[0] > degrees[1] || scale[0] > scale[1] || !(scale[0] > 0) || shear[0] > shear[1]
        || !(translate[0] >= 0 && translate[0] <= 1 && translate[1] >= 0 && translate[1] <= 1)
        || Math.abs(shear[0]) >= 90 || Math.abs(shear[1]) >= 90) {
      throw new IllegalArgumentException("affine: expected degrees, scale and shear as [low, high] (scale > 0, "
          + "|shear| < 90) and translate as two fractions in [0, 1]");
    }
    this.degrees = degrees.clone();
    this.translate = translate.clone();
    this.scale = scale.clone();
    this.shear = shear.clone();
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    double angle = RandomResizedCrop.uniform(random, degrees[0], degrees[1]);
    double maxDx = translate[0] * in.width();
    double maxDy = translate[1] * in.height();
    double tx = Math.rint(RandomResizedCrop.uniform(random, -maxDx, maxDx));
    double ty = Math.rint(RandomResizedCrop.uniform(random, -maxDy, maxDy));
    double s = RandomResizedCrop.uniform(random, scale[0], scale[1]);
    double sh = RandomResizedCrop.uniform(random, shear[0], shear[1]);
    double[] m = Warp.matrix(angle, s, sh);
    return Warp.affine(in, m[0], m[1], m[2], m[3], tx, ty);
  }

  @Override
  public String toString() {
    return "affine{degrees=" + java.util.Arrays.toString(degrees) + ", translate="
        + java.util.Arrays.toString(translate) + ", scale=" + java.util.Arrays.toString(scale) + ", shear="
        + java.util.Arrays.toString(shear) + "}";
  }
}
