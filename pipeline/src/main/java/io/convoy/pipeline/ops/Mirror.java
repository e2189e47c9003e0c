package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.SplittableRandom;

/** Flips the image left to right with probability {@code p} (one uniform draw per sample). */
public final class Mirror implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final double p;

  public Mirror(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("mirror p " + p + ": expected a probability in [0, 1]");
    }
    this.p = p;
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    return random.nextDouble() < p ? flip(in) : in;
  }

  @Override
  public Image applyOwned(Image in, SplittableRandom random) {
    if (random.nextDouble() < p) {
      float[] px = in.pixels();
      int w = in.width();
      int rows = in.height() * in.channels();
      for (int r = 0; r < rows; r++) {
        for (int a = r * w, b = a + w - 1; a < b; a++, b--) {
          float t = px[a];
          px[a] = px[b];
          px[b] = t;
        }
      }
    }
    return in;
  }

  /** {@code in} flipped left to right. */
  static Image flip(Image in) {
    int w = in.width();
    int rows = in.height() * in.channels();
    float[] src = in.pixels();
    float[] out = new float[src.length];
    for (int r = 0; r < rows; r++) {
      int base = r * w;
      for (int x = 0; x < w; x++) {
        out[base + x] = src[base + w - 1 - x];
      }
    }
    return new Image(w, in.height(), in.channels(), out);
  }

  @Override
  public String toString() {
    return "mirror{p=" + p + "}";
  }
}
