package io.convoy.pipeline.pack;

/**
 * Eigenvalues and eigenvectors of a symmetric 3x3 matrix by cyclic Jacobi rotations: exact to
 * double rounding for the RGB covariance, with no linear-algebra library in this module.
 *
 * @param values the eigenvalues, largest first
 * @param vectors row-major 3x3 matrix whose columns are the unit eigenvectors, in the order of
 *     {@code values}; each column's largest-magnitude component is positive, so the result is
 *     unique for distinct eigenvalues
 */
public record SymmetricEigen(double[] values, double[] vectors) {
  private static final int SWEEPS = 64;

  /** Decomposes the row-major symmetric matrix {@code m} (9 values). */
  public static SymmetricEigen of(double[] m) {
    if (m.length != 9) {
      throw new IllegalArgumentException(m.length + " values: expected a 3x3 matrix");
    }
    double[][] a = new double[3][3];
    double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // Symmetrize: sums in a different order may leave the halves a rounding apart.
        a[i][j] = (m[3 * i + j] + m[3 * j + i]) / 2;
      }
    }
    for (int sweep = 0; sweep < SWEEPS && offDiagonal(a) > 0; sweep++) {
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    Integer[] order = {0, 1, 2};
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] values = new double[3];
    double[] vectors = new double[9];
    for (int k = 0; k < 3; k++) {
      int col = order[k];
      values[k] = a[col][col];
      int largest = 0;
      for (int i = 1; i < 3; i++) {
        if (Math.abs(v[i][col]) > Math.abs(v[largest][col])) {
          largest = i;
        }
      }
      double sign = v[largest][col] < 0 ? -1 : 1;
      for (int i = 0; i < 3; i++) {
        vectors[3 * i + k] = sign * v[i][col];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  private static double offDiagonal(double[][] a) {
    return a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
  }

  /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form). */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    if (a[p][q] == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < 3; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < 3; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < 3; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
