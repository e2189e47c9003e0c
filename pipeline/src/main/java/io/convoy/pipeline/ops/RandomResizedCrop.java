package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Region;
import io.convoy.pipeline.image.SourceOp;

import java.util.SplittableRandom;

/**
 * The Inception crop, with torchvision's {@code RandomResizedCrop} semantics: up to 10 times,
 * draw an area fraction uniformly from {@code scale} and an aspect ratio (width / height)
 * log-uniformly from {@code ratio}; the first crop of that area and aspect that fits is placed
 * uniformly (row, then column) and resized to {@code size} x {@code size}. When none fits, the
 * central crop of the whole image clamped to the allowed aspect range is taken. Sides are
 * rounded half to even, as Python's {@code round}.
 *
 * <p>As the first operation of a pipeline the decoder crops and resamples natively and may
 * decode a JPEG at 1/2, 1/4 or 1/8 size: only when the crop still has at least
 * {@code size} x {@code size} pixels at that reduction.
 */
public final class RandomResizedCrop implements SourceOp {
  private static final long serialVersionUID = 1L;
  private static final int ATTEMPTS = 10;

  private final int size;
  private final double minScale;
  private final double maxScale;
  private final double minRatio;
  private final double maxRatio;

  public RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio) {
    if (size < 1 || !(minScale > 0) || minScale > maxScale || maxScale > 1 || !(minRatio > 0) || minRatio > maxRatio
        || !Double.isFinite(maxRatio)) {
      throw new IllegalArgumentException("random-resized-crop size " + size + ", scale [" + minScale + ", " + maxScale
          + "], ratio [" + minRatio + ", " + maxRatio + "]: expected size >= 1, 0 < scale low <= high <= 1, "
          + "0 < ratio low <= high");
    }
    this.size = size;
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.minRatio = minRatio;
    this.maxRatio = maxRatio;
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Region region(int width, int height, SplittableRandom random) {
    double area = (double) width * height;
    double logMin = Math.log(minRatio);
    double logMax = Math.log(maxRatio);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double targetArea = area * uniform(random, minScale, maxScale);
      double aspect = Math.exp(uniform(random, logMin, logMax));
      int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
      int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        int top = random.nextInt(height - h + 1);
        int left = random.nextInt(width - w + 1);
        return new Region(left, top, w, h, size, size);
      }
    }
    double inRatio = (double) width / height;
    int w = width;
    int h = height;
    if (inRatio < minRatio) {
      h = Math.max(1, (int) Math.rint(w / minRatio));
    } else if (inRatio > maxRatio) {
      w = Math.max(1, (int) Math.rint(h * maxRatio));
    }
    return new Region((width - w) / 2, (height - h) / 2, w, h, size, size);
  }

  /** Uniform in [lo, hi), or lo when the range is empty. */
  static double uniform(SplittableRandom random, double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  @Override
  public String toString() {
    return "random-resized-crop{size=" + size + ", scale=[" + minScale + ", " + maxScale + "], ratio=[" + minRatio
        + ", " + maxRatio + "]}";
  }
}
