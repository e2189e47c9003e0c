package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * AlexNet's PCA lighting noise (Krizhevsky et al. 2012; fb.resnet.torch's {@code Lighting}):
 * draws alpha_j ~ N(0, sigma) for the three principal components and adds
 * {@code sum_j eigvec[i][j] * alpha_j * eigval[j]} to every pixel of channel i. Eigenvalues
 * and eigenvectors (the columns of {@code eigvec}) are for pixels in [0, 1], so the offset is
 * scaled by 255 here. Values are not clamped (as in the reference implementation).
 */
public final class Lighting implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final double sigma;
  private final double[] eigval;
  private final double[] eigvec;

  /**
   * @param eigval the 3 eigenvalues
   * @param eigvec the 3x3 eigenvector matrix, row-major, eigenvectors as columns
   */
  public Lighting(double sigma, List<Double> eigval, List<Double> eigvec) {
    if (!(sigma >= 0) || eigval.size() != 3 || eigvec.size() != 9) {
      throw new IllegalArgumentException("lighting sigma " + sigma + ", eigval " + eigval + ", eigvec " + eigvec
          + ": expected sigma >= 0, 3 eigenvalues and a 3x3 matrix (9 numbers)");
    }
    this.sigma = sigma;
    this.eigval = eigval.stream().mapToDouble(Double::doubleValue).toArray();
    this.eigvec = eigvec.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  /** The RGB offset (pixels in [0, 255]) for alphas drawn from {@code random}. */
  float[] offset(SplittableRandom random) {
    double[] alpha = new double[3];
    for (int j = 0; j < 3; j++) {
      alpha[j] = random.nextGaussian() * sigma;
    }
    float[] rgb = new float[3];
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += eigvec[3 * i + j] * alpha[j] * eigval[j];
      }
      rgb[i] = (float) (255 * sum);
    }
    return rgb;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    return applyOwned(in.copy(), random);
  }

  @Override
  public Image applyOwned(Image in, SplittableRandom random) {
    if (in.channels() != 3) {
      throw new IllegalArgumentException("lighting needs an RGB image, found a " + in + ": set data.channels = 3");
    }
    float[] rgb = offset(random);
    float[] src = in.pixels();
    int n = in.width() * in.height();
    float[] out = src;
    for (int c = 0; c < 3; c++) {
      float add = rgb[c];
      for (int i = c * n; i < (c + 1) * n; i++) {
        out[i] = src[i] + add;
      }
    }
    return in;
  }

  @Override
  public String toString() {
    return "lighting{sigma=" + sigma + ", eigval=" + Arrays.toString(eigval) + ", eigvec=" + Arrays.toString(eigvec)
        + "}";
  }
}
