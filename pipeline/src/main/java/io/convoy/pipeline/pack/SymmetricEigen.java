package io.convoy.pipeline.pack;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Eigenvalues and eigenvectors of a symmetric 3x3 matrix (the RGB covariance behind the
 * {@code lighting} operation), by Commons Math's decomposition, put in a canonical order and sign.
 *
 * @param values the eigenvalues, largest first
 * @param vectors row-major 3x3 matrix whose columns are the unit eigenvectors, in the order of
 *     {@code values}; each column's largest-magnitude component is positive, so the result is
 *     unique for distinct eigenvalues
 */
public record SymmetricEigen(double[] values, double[] vectors) {

  /** Decomposes the row-major symmetric matrix {@code m} (9 values). */
  public static SymmetricEigen of(double[] m) {
    if (m.length != 9) {
      throw new IllegalArgumentException(m.length + " values: expected a 3x3 matrix");
    }
    double[][] a = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // Symmetrize: sums in a different order may leave the halves a rounding apart.
        a[i][j] = (m[3 * i + j] + m[3 * j + i]) / 2;
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
    double[] found = eigen.getRealEigenvalues();
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (x, y) -> Double.compare(found[y], found[x]));
    double[] values = new double[3];
    double[] vectors = new double[9];
    for (int k = 0; k < 3; k++) {
      values[k] = found[order[k]];
      RealVector v = eigen.getEigenvector(order[k]).unitVector();
      int largest = 0;
      for (int i = 1; i < 3; i++) {
        if (Math.abs(v.getEntry(i)) > Math.abs(v.getEntry(largest))) {
          largest = i;
        }
      }
      double sign = v.getEntry(largest) < 0 ? -1 : 1;
      for (int i = 0; i < 3; i++) {
        vectors[3 * i + k] = sign * v.getEntry(i);
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
