package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.Region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeometryOpsTest {
  /** w x h x c image whose value is 100 * channel + 10 * row + column. */
  private static Image indexed(int w, int h, int c) {
    float[] chw = new float[c * h * w];
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          chw[(ch * h + y) * w + x] = 100 * ch + 10 * y + x;
        }
      }
    }
    return new Image(w, h, c, chw);
  }

  @Test
  void mirrorFlipsEveryRowOfEveryChannelWithProbabilityP() {
    Image in = indexed(3, 2, 2);
    Image flipped = new Mirror(1).apply(in, new SplittableRandom(1));
    assertArrayEquals(new float[] {2, 1, 0, 12, 11, 10, 102, 101, 100, 112, 111, 110}, flipped.toArray());
    assertSame(in, new Mirror(0).apply(in, new SplittableRandom(1)));
    int flips = 0;
    for (int i = 0; i < 2000; i++) {
      flips += new Mirror(0.5).apply(in, new SplittableRandom(i)) != in ? 1 : 0;
    }
    assertTrue(flips > 900 && flips < 1100, flips + " flips of 2000");
    assertThrows(IllegalArgumentException.class, () -> new Mirror(1.5));
  }

  @Test
  void randomCropCutsThePaddedImageWhereItsDrawsSay() {
    Image in = indexed(5, 4, 2);
    for (int seed = 0; seed < 50; seed++) {
      Image out = new RandomCrop(4, 2).apply(in, new SplittableRandom(seed));
      SplittableRandom same = new SplittableRandom(seed);
      int top = same.nextInt(4 + 4 - 4 + 1) - 2;
      int left = same.nextInt(5 + 4 - 4 + 1) - 2;
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 4; x++) {
            int sy = top + y;
            int sx = left + x;
            float expected = sy < 0 || sy >= 4 || sx < 0 || sx >= 5 ? 0 : in.get(c, sy, sx);
            assertEquals(expected, out.get(c, y, x), "seed " + seed + " at " + c + "," + y + "," + x);
          }
        }
      }
    }
    assertArrayEquals(indexed(4, 4, 1).toArray(), new RandomCrop(4, 0).apply(indexed(4, 4, 1), new SplittableRandom(3)).toArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RandomCrop(10, 1).apply(in, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("resize"), e.getMessage());
  }

  @Test
  void regionCropsThenResamples() {
    Image in = indexed(4, 3, 2);
    Image out = new Region(1, 1, 2, 2, 2, 2).applyTo(in);
    assertArrayEquals(new float[] {11, 12, 21, 22, 111, 112, 121, 122}, out.toArray());
    Image scaled = new Region(1, 0, 2, 1, 4, 1).applyTo(indexed(4, 1, 1));
    // 2 -> 4 bilinear with half-pixel centers and clamped edges: 1, 1.25, 1.75, 2
    assertArrayEquals(new float[] {1, 1.25f, 1.75f, 2}, scaled.toArray(), 1e-5f);
  }

  @Test
  void randomResizedCropDrawsAreaAndAspectInRangeAndOutputsTheSize() {
    RandomResizedCrop op = new RandomResizedCrop(16, 0.08, 1, 3.0 / 4, 4.0 / 3);
    double minArea = 1;
    double maxArea = 0;
    for (int seed = 0; seed < 2000; seed++) {
      Region r = op.region(500, 400, new SplittableRandom(seed));
      assertTrue(r.x() + r.width() <= 500 && r.y() + r.height() <= 400, r.toString());
      double area = (double) r.width() * r.height() / (500 * 400);
      double aspect = (double) r.width() / r.height();
      assertTrue(area >= 0.075 && area <= 1.0001, r.toString());
      assertTrue(aspect >= 0.74 && aspect <= 1.35, r.toString());
      assertEquals(16, r.outWidth());
      assertEquals(16, r.outHeight());
      minArea = Math.min(minArea, area);
      maxArea = Math.max(maxArea, area);
    }
    assertTrue(minArea < 0.1 && maxArea > 0.9, minArea + " .. " + maxArea);
    Image out = op.apply(indexed(40, 30, 3), new SplittableRandom(5));
    assertEquals(16, out.width());
    assertEquals(16, out.height());
  }

  @Test
  void randomResizedCropFallsBackToTheCentralCropOfTheClosestAspect() {
    // An aspect of 5 never fits a square at >= 90% of its area: after 10 draws, the whole width
    // and height = round(100 / 5), centered.
    RandomResizedCrop wide = new RandomResizedCrop(8, 0.9, 1, 5, 5);
    assertEquals(new Region(0, 40, 100, 20, 8, 8), wide.region(100, 100, new SplittableRandom(1)));
    RandomResizedCrop tall = new RandomResizedCrop(8, 0.9, 1, 0.25, 0.25);
    assertEquals(new Region(37, 0, 25, 100, 8, 8), tall.region(100, 100, new SplittableRandom(1)));
  }

  @Test
  void rotateByNinetyDegreesMovesPixelsCounterClockwise() {
    Image in = indexed(4, 4, 1);
    Image out = new Rotate(90, 90).apply(in, new SplittableRandom(1));
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(in.get(0, x, 3 - y), out.get(0, y, x), 1e-3, "at " + y + "," + x);
      }
    }
    Image small = new Rotate(-10, 10).apply(in, new SplittableRandom(2));
    assertEquals(4, small.width());
  }

  @Test
  void affineWithoutChangeIsTheIdentityAndScaleZoomsAboutTheCenter() {
    Image in = indexed(6, 4, 2);
    double[] zero = {0, 0};
    double[] one = {1, 1};
    assertArrayEquals(in.toArray(), new Affine(zero, zero, one, zero).apply(in, new SplittableRandom(3)).toArray(), 1e-4f);
    Image zoomed = new Affine(zero, zero, new double[] {2, 2}, zero).apply(indexed(4, 4, 1), new SplittableRandom(3));
    // output pixel (1, 1) maps to source point (1.25, 1.25) in index space
    assertEquals(10 * 1.25f + 1.25f, zoomed.get(0, 1, 1), 1e-4);
    Image shifted = new Affine(zero, new double[] {0.5, 0}, one, zero).apply(in, new SplittableRandom(4));
    assertEquals(6, shifted.width());
  }
}
