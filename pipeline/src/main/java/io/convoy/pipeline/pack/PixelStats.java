package io.convoy.pipeline.pack;

import io.convoy.pipeline.image.Image;
import java.io.Serializable;

/**
 * Sums over RGB pixels from which a dataset's per-channel mean and standard deviation and its
 * RGB covariance (with eigenvalues and eigenvectors, for PCA lighting) follow. Sums are exact
 * integers over 8-bit values, so partial sums from any number of tasks merge to the same
 * result in any order (no floating-point drift between runs or partitionings). Not
 * thread-safe; one instance per task, merged at the end.
 */
public final class PixelStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private long pixels;
  private final long[] sum = new long[3];
  /** Upper triangle of sum of x_i * x_j: RR, RG, RB, GG, GB, BB. */
  private final long[] products = new long[6];

  /** Adds every pixel of an RGB image of values in [0, 255] (rounded to whole values). */
  public void add(Image image) {
    if (image.channels() != 3) {
      throw new IllegalArgumentException("pixel statistics need an RGB image, found " + image);
    }
    float[] p = image.toArray();
    int n = image.width() * image.height();
    long r = 0;
    long g = 0;
    long b = 0;
    long rr = 0;
    long rg = 0;
    long rb = 0;
    long gg = 0;
    long gb = 0;
    long bb = 0;
    for (int i = 0; i < n; i++) {
      long x = Math.round(p[i]);
      long y = Math.round(p[n + i]);
      long z = Math.round(p[2 * n + i]);
      r += x;
      g += y;
      b += z;
      rr += x * x;
      rg += x * y;
      rb += x * z;
      gg += y * y;
      gb += y * z;
      bb += z * z;
    }
    pixels += n;
    sum[0] += r;
    sum[1] += g;
    sum[2] += b;
    products[0] += rr;
    products[1] += rg;
    products[2] += rb;
    products[3] += gg;
    products[4] += gb;
    products[5] += bb;
  }

  /** Adds another task's sums to these; returns this. */
  public PixelStats merge(PixelStats other) {
    pixels += other.pixels;
    for (int i = 0; i < 3; i++) {
      sum[i] += other.sum[i];
    }
    for (int i = 0; i < 6; i++) {
      products[i] += other.products[i];
    }
    return this;
  }

  public long pixels() {
    return pixels;
  }

  /**
   * Mean, std, covariance (population, pixels scaled to [0, 1]) and its eigen decomposition.
   *
   * @throws IllegalStateException when no pixel was added
   */
  public ChannelStats summary() {
    if (pixels == 0) {
      throw new IllegalStateException("no pixels: pixel statistics need at least one image");
    }
    double n = pixels;
    double[] mean = new double[3];
    for (int i = 0; i < 3; i++) {
      mean[i] = sum[i] / n / 255;
    }
    int[][] index = {{0, 1, 2}, {1, 3, 4}, {2, 4, 5}};
    double[] cov = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // E[xy] - E[x]E[y] in 8-bit units, computed from exact sums; then scaled to [0, 1].
        double exy = products[index[i][j]] / n;
        double ex = sum[i] / n;
        double ey = sum[j] / n;
        cov[3 * i + j] = Math.max(i == j ? 0 : Double.NEGATIVE_INFINITY, exy - ex * ey) / (255.0 * 255.0);
      }
    }
    double[] std = new double[3];
    for (int i = 0; i < 3; i++) {
      std[i] = Math.sqrt(cov[4 * i]);
    }
    SymmetricEigen eigen = SymmetricEigen.of(cov);
    double[] eigval = eigen.values().clone();
    for (int i = 0; i < 3; i++) {
      eigval[i] = Math.max(0, eigval[i]); // rounding may leave a flat direction a hair below 0
    }
    return new ChannelStats(pixels, mean, std, cov, eigval, eigen.vectors());
  }
}
