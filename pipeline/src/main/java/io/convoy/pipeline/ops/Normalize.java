package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scales [0, 255] pixels to [0, 1], then standardizes each channel: (x / 255 - mean) / std.
 * Mean and std are one value for all channels or one per channel.
 */
public final class Normalize implements ImageOp {
  private static final long serialVersionUID = 1L;

  /** Per channel, x * scale + offset equals (x / 255 - mean) / std. */
  private final float[] scale;
  private final float[] offset;

  public Normalize(List<Double> mean, List<Double> std, int channels) {
    scale = new float[channels];
    offset = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = perChannel("mean", mean, c, channels);
      double s = perChannel("std", std, c, channels);
      if (!(s > 0)) {
        throw new IllegalArgumentException("normalize std " + std + ": expected positive numbers");
      }
      scale[c] = (float) (1 / (255 * s));
      offset[c] = (float) (-m / s);
    }
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    return applyOwned(in.copy(), random);
  }

  @Override
  public Image applyOwned(Image in, SplittableRandom random) {
    if (in.channels() != scale.length) {
      throw new IllegalArgumentException("normalize is set up for " + scale.length + " channels, found a "
          + in + ": set data.channels to the pipeline's channels");
    }
    float[] px = in.pixels();
    int plane = in.width() * in.height();
    for (int c = 0; c < scale.length; c++) {
      affine(px, c * plane, (c + 1) * plane, scale[c], offset[c]);
    }
    return in;
  }

  /**
   * {@code px[i] = px[i] * a + b} over [from, to). The factors are locals: read from the fields
   * inside the loop they would be reloaded after every store (they might alias {@code px}),
   * which keeps the loop from vectorizing.
   */
  private static void affine(float[] px, int from, int to, float a, float b) {
    for (int i = from; i < to; i++) {
      px[i] = px[i] * a + b;
    }
  }

  @Override
  public String toString() {
    return "normalize{scale=" + Arrays.toString(scale) + ", offset=" + Arrays.toString(offset) + "}";
  }

  private static double perChannel(String name, List<Double> values, int c, int channels) {
    if (values.size() == 1) {
      return values.get(0);
    }
    if (values.size() != channels) {
      throw new IllegalArgumentException("normalize " + name + " " + values + ": expected one number or "
          + channels + " (one per channel)");
    }
    return values.get(c);
  }
}
