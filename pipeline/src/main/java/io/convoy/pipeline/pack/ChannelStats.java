package io.convoy.pipeline.pack;

import java.util.Arrays;
import java.util.List;

/**
 * Pixel statistics of a dataset, pixels scaled to [0, 1], as {@code normalize} and
 * {@code lighting} take them.
 *
 * @param pixels number of RGB pixels summed
 * @param mean per-channel mean, R, G, B
 * @param std per-channel (population) standard deviation
 * @param covariance the 3x3 RGB covariance, row-major
 * @param eigval the covariance's eigenvalues, largest first
 * @param eigvec row-major 3x3 matrix whose columns are the eigenvectors, in eigval's order
 */
public record ChannelStats(long pixels, double[] mean, double[] std, double[] covariance, double[] eigval,
    double[] eigvec) {

  /** Luma weights of the decoders' gray conversion (ITU-R BT.601). */
  private static final double[] LUMA = {0.299, 0.587, 0.114};

  public ChannelStats {
    mean = mean.clone();
    std = std.clone();
    covariance = covariance.clone();
    eigval = eigval.clone();
    eigvec = eigvec.clone();
  }

  /**
   * Mean for {@code channels}: R, G, B for 3; for 1, the mean of the luma the decoders compute
   * (0.299 R + 0.587 G + 0.114 B), which is exact from the RGB mean.
   */
  public List<Double> mean(int channels) {
    if (channels == 3) {
      return list(mean);
    }
    double m = 0;
    for (int i = 0; i < 3; i++) {
      m += LUMA[i] * mean[i];
    }
    return List.of(m);
  }

  /** Standard deviation for {@code channels}; for 1, that of luma: sqrt(w' C w), exact from C. */
  public List<Double> std(int channels) {
    if (channels == 3) {
      return list(std);
    }
    double v = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        v += LUMA[i] * covariance[3 * i + j] * LUMA[j];
      }
    }
    return List.of(Math.sqrt(v));
  }

  static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelStats s && pixels == s.pixels && Arrays.equals(mean, s.mean)
        && Arrays.equals(std, s.std) && Arrays.equals(covariance, s.covariance)
        && Arrays.equals(eigval, s.eigval) && Arrays.equals(eigvec, s.eigvec);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(pixels) * 31 + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return "ChannelStats{pixels=" + pixels + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
        + ", eigval=" + Arrays.toString(eigval) + "}";
  }
}
