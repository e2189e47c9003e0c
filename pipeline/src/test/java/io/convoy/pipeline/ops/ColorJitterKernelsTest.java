package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ColorJitter's blocked, vectorizable loops against the plain per-pixel formulas they replace,
 * on sizes that end mid-block and values that need clamping.
 */
class ColorJitterKernelsTest {
  private static final float R = 0.2989f;
  private static final float G = 0.587f;
  private static final float B = 0.114f;

  private static Image random(int w, int h, int channels, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] px = new float[channels * w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (random.nextDouble() * 255);
    }
    return new Image(w, h, channels, px);
  }

  private static float clamp(float x) {
    return Math.min(Math.max(x, 0f), 255f);
  }

  /** The per-pixel saturation this package had before blocking. */
  private static float[] saturationReference(Image in, float f) {
    float[] px = in.toArray();
    int n = in.width() * in.height();
    for (int i = 0; i < n; i++) {
      float gray = (1 - f) * (R * px[i] + G * px[n + i] + B * px[2 * n + i]);
      px[i] = clamp(f * px[i] + gray);
      px[n + i] = clamp(f * px[n + i] + gray);
      px[2 * n + i] = clamp(f * px[2 * n + i] + gray);
    }
    return px;
  }

  /** The contrast this package had before: one double sum of the per-pixel grays. */
  private static float[] contrastReference(Image in, float f) {
    float[] px = in.toArray();
    int n = in.width() * in.height();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += in.channels() == 3 ? R * px[i] + G * px[n + i] + B * px[2 * n + i] : px[i];
    }
    float offset = (1 - f) * (float) (sum / n);
    for (int i = 0; i < px.length; i++) {
      px[i] = clamp(f * px[i] + offset);
    }
    return px;
  }

  @Test
  void blockedSaturationEqualsThePerPixelFormula() {
    for (int[] size : new int[][] {{1, 1}, {37, 29}, {224, 224}, {1025, 3}}) {
      Image in = random(size[0], size[1], 3, size[0]);
      for (float f : new float[] {0, 0.6f, 1, 1.4f, 3}) {
        assertArrayEquals(saturationReference(in, f), ColorJitter.saturation(in, f).toArray(), 1e-3f,
            size[0] + "x" + size[1] + ", factor " + f);
      }
    }
  }

  @Test
  void contrastFromChannelSumsEqualsTheMeanOfGrays() {
    for (int[] size : new int[][] {{1, 1}, {7, 1}, {37, 29}, {224, 224}, {1025, 3}}) {
      for (int channels : new int[] {1, 3}) {
        Image in = random(size[0], size[1], channels, size[1]);
        for (float f : new float[] {0, 0.6f, 1.4f}) {
          assertArrayEquals(contrastReference(in, f), ColorJitter.contrast(in, f).toArray(), 1e-3f,
              size[0] + "x" + size[1] + "x" + channels + ", factor " + f);
        }
      }
    }
  }

  @Test
  void sumAddsEveryValueInTheRange() {
    float[] a = random(1000, 3, 1, 5).toArray();
    for (int[] range : new int[][] {{0, 0}, {0, 7}, {3, 11}, {0, 3000}, {5, 2999}}) {
      double expected = 0;
      for (int i = range[0]; i < range[1]; i++) {
        expected += a[i];
      }
      assertEquals(expected, ColorJitter.sum(a, range[0], range[1]), Math.abs(expected) * 1e-6,
          "[" + range[0] + ", " + range[1] + ")");
    }
  }
}
