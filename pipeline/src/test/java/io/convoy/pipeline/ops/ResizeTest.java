package io.convoy.pipeline.ops;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResizeTest {
  private static final float EPS = 1e-4f;

  @Test
  void shorterSideAlreadyAtSizeLeavesTheImage() {
    Image in = TestImages.image(4, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8);
    assertSame(in, new Resize(2).apply(in));
  }

  @Test
  void upsamplesBilinearlyWithHalfPixelCenters() {
    Image out = new Resize(4).apply(TestImages.image(2, 2, 1, 0, 100, 200, 40));
    assertEquals(4, out.width());
    assertEquals(4, out.height());
    assertArrayEquals(new float[] {
        0, 25, 75, 100,
        50, 58.75f, 76.25f, 85,
        150, 126.25f, 78.75f, 55,
        200, 160, 80, 40}, out.toArray(), EPS);
  }

  @Test
  void downsamplingAveragesEverySourcePixel() {
    // 4 -> 2: each output is (0.75, 0.75, 0.25) / 1.75 of the three nearest inputs.
    Image in = TestImages.image(4, 4, 1,
        0, 70, 140, 210,
        0, 70, 140, 210,
        0, 70, 140, 210,
        0, 70, 140, 210);
    assertArrayEquals(new float[] {50, 160, 50, 160}, new Resize(2).apply(in).toArray(), EPS);
  }

  @Test
  void keepsAspectRatioAndChannels() {
    Image wide = new Resize(2).apply(new Image(6, 3, 3, new float[54]));
    assertEquals(4, wide.width());
    assertEquals(2, wide.height());
    assertEquals(3, wide.channels());
    Image tall = new Resize(2).apply(new Image(3, 6, 1, new float[18]));
    assertEquals(2, tall.width());
    assertEquals(4, tall.height());
    Image rounded = new Resize(2).apply(new Image(5, 3, 1, new float[15]));
    assertEquals(3, rounded.width()); // 5 * 2 / 3 = 3.33
  }

  @Test
  void channelsAreResizedSeparatelyAndUniformStaysUniform() {
    float[] chw = new float[3 * 5 * 7];
    for (int i = 0; i < chw.length; i++) {
      chw[i] = i < 35 ? 10 : i < 70 ? 120 : 250;
    }
    Image out = new Resize(3).apply(new Image(7, 5, 3, chw));
    for (int y = 0; y < out.height(); y++) {
      for (int x = 0; x < out.width(); x++) {
        assertEquals(10, out.get(0, y, x), EPS);
        assertEquals(120, out.get(1, y, x), EPS);
        assertEquals(250, out.get(2, y, x), EPS);
      }
    }
  }

  @Test
  void rejectsNonPositiveSize() {
    assertThrows(IllegalArgumentException.class, () -> new Resize(0));
  }
}
