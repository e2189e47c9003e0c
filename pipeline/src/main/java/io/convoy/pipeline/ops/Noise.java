package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.SplittableRandom;

/**
 * Adds independent Gaussian noise of standard deviation {@code sigma} (for pixels in [0, 1],
 * so 255 sigma here) to every value, clamping to [0, 255].
 */
public final class Noise implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final double sigma;

  public Noise(double sigma) {
    if (!(sigma >= 0 && sigma <= 1)) {
      throw new IllegalArgumentException("noise sigma " + sigma + ": expected a number in [0, 1]");
    }
    this.sigma = sigma;
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    return applyOwned(in.copy(), random);
  }

  @Override
  public Image applyOwned(Image in, SplittableRandom random) {
    float[] src = in.pixels();
    float[] out = src;
    double s = 255 * sigma;
    for (int i = 0; i < src.length; i++) {
      float v = (float) (src[i] + s * random.nextGaussian());
      out[i] = v < 0 ? 0 : Math.min(v, 255f);
    }
    return in;
  }

  @Override
  public String toString() {
    return "noise{sigma=" + sigma + "}";
  }
}
