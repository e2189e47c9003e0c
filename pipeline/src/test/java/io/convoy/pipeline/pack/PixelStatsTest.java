package io.convoy.pipeline.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.convoy.pipeline.image.Image;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pixel statistics and the 3x3 eigen decomposition behind them, against hand-computed values. */
class PixelStatsTest {
  private static Image solid(int w, int h, float r, float g, float b) {
    float[] p = new float[3 * w * h];
    Arrays.fill(p, 0, w * h, r);
    Arrays.fill(p, w * h, 2 * w * h, g);
    Arrays.fill(p, 2 * w * h, 3 * w * h, b);
    return new Image(w, h, 3, p);
  }

  @Test
  void redAndGreenHalvesGiveTheirMomentsAndOneAntiCorrelatedComponent() {
    PixelStats stats = new PixelStats();
    stats.add(solid(4, 2, 255, 0, 0));
    stats.add(solid(2, 4, 0, 255, 0));
    ChannelStats s = stats.summary();
    assertEquals(16, s.pixels());
    assertArrayEquals(new double[] {0.5, 0.5, 0}, s.mean(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, s.std(), 1e-12);
    assertArrayEquals(new double[] {0.25, -0.25, 0, -0.25, 0.25, 0, 0, 0, 0}, s.covariance(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0, 0}, s.eigval(), 1e-12);
    double h = Math.sqrt(0.5);
    // First eigenvector (first column) is (1, -1, 0) / sqrt 2, sign fixed by its largest component.
    assertEquals(Math.abs(s.eigvec()[0]), h, 1e-12);
    assertEquals(-s.eigvec()[0], s.eigvec()[3], 1e-12);
    assertEquals(0, s.eigvec()[6], 1e-12);
    // Gray (luma) mean and std follow from the RGB moments exactly.
    assertEquals(List.of(0.299 * 0.5 + 0.587 * 0.5), s.mean(1));
    assertEquals((0.587 - 0.299) * 0.5, s.std(1).get(0), 1e-12);
  }

  @Test
  void mergingPartialSumsInAnyOrderGivesTheSameResultAsOneAccumulator() {
    Random random = new Random(7);
    Image[] images = new Image[6];
    for (int i = 0; i < images.length; i++) {
      float[] p = new float[3 * 5 * 3];
      for (int j = 0; j < p.length; j++) {
        p[j] = random.nextInt(256);
      }
      images[i] = new Image(5, 3, 3, p);
    }
    PixelStats all = new PixelStats();
    PixelStats a = new PixelStats();
    PixelStats b = new PixelStats();
    for (int i = 0; i < images.length; i++) {
      all.add(images[i]);
      (i % 2 == 0 ? a : b).add(images[i]);
    }
    assertEquals(all.summary(), new PixelStats().merge(b).merge(a).summary());
    assertEquals(all.summary(), a.merge(b).summary());
  }

  @Test
  void noPixelsIsAnError() {
    assertThrows(IllegalStateException.class, () -> new PixelStats().summary());
  }

  @Test
  void eigenDecompositionOfAKnownMatrix() {
    // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 5, 3, 1 with vectors e3, (1,1,0)/sqrt2, (1,-1,0)/sqrt2.
    SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 0, 1, 2, 0, 0, 0, 5});
    assertArrayEquals(new double[] {5, 3, 1}, e.values(), 1e-12);
    double h = Math.sqrt(0.5);
    assertArrayEquals(new double[] {0, h, h, 0, h, -h, 1, 0, 0}, e.vectors(), 1e-12);
  }

  @Test
  void eigenDecompositionReconstructsARandomCovariance() {
    Random random = new Random(3);
    double[] x = new double[9];
    for (int i = 0; i < 9; i++) {
      x[i] = random.nextGaussian();
    }
    double[] m = new double[9]; // X X^T is symmetric positive semi-definite
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          m[3 * i + j] += x[3 * i + k] * x[3 * j + k];
        }
      }
    }
    SymmetricEigen e = SymmetricEigen.of(m);
    double[] v = e.vectors();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          sum += v[3 * i + k] * e.values()[k] * v[3 * j + k];
          dot += v[3 * k + i] * v[3 * k + j];
        }
        assertEquals(m[3 * i + j], sum, 1e-9, "V diag V^T at " + i + "," + j);
        assertEquals(i == j ? 1 : 0, dot, 1e-12, "orthonormal columns " + i + "," + j);
      }
    }
    assertEquals(true, e.values()[0] >= e.values()[1] && e.values()[1] >= e.values()[2]);
  }
}
