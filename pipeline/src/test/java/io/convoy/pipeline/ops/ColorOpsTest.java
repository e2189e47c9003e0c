package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.settings.PipelineOps;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColorOpsTest {
  private static Image uniform(int w, int h, float r, float g, float b) {
    float[] chw = new float[3 * w * h];
    for (int i = 0; i < w * h; i++) {
      chw[i] = r;
      chw[w * h + i] = g;
      chw[2 * w * h + i] = b;
    }
    return new Image(w, h, 3, chw);
  }

  @Test
  void brightnessFactorsSpanTorchvisionsRange() {
    ColorJitter jitter = new ColorJitter(ColorJitter.factorRange(0.4), null, null, null);
    Image gray = uniform(2, 2, 100, 100, 100);
    double min = 9;
    double max = 0;
    for (int seed = 0; seed < 1000; seed++) {
      double f = jitter.apply(gray, new SplittableRandom(seed)).get(0, 0, 0) / 100;
      assertTrue(f >= 0.6 - 1e-6 && f <= 1.4 + 1e-6, "factor " + f);
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    assertTrue(min < 0.62 && max > 1.38, min + " .. " + max);
    assertEquals(255, ColorJitter.brightness(uniform(1, 1, 200, 10, 0), 2).get(0, 0, 0));
  }

  @Test
  void contrastBlendsWithTheMeanGrayAndZeroGivesIt() {
    Image in = new Image(2, 1, 3, new float[] {0, 200, 50, 50, 100, 100});
    double mean = (0.2989 * 0 + 0.587 * 50 + 0.114 * 100 + 0.2989 * 200 + 0.587 * 50 + 0.114 * 100) / 2;
    Image flat = ColorJitter.contrast(in, 0);
    for (float v : flat.toArray()) {
      assertEquals(mean, v, 1e-3);
    }
    Image half = ColorJitter.contrast(in, 0.5f);
    assertEquals(0.5 * 200 + 0.5 * mean, half.get(0, 0, 1), 1e-3);
  }

  @Test
  void saturationZeroGivesGrayAndOneChangesNothing() {
    Image in = uniform(3, 2, 200, 50, 10);
    Image gray = ColorJitter.saturation(in, 0);
    float luma = 0.2989f * 200 + 0.587f * 50 + 0.114f * 10;
    for (int c = 0; c < 3; c++) {
      assertEquals(luma, gray.get(c, 1, 2), 1e-3);
    }
    ColorJitter zeroSaturation = new ColorJitter(null, null, new double[] {0, 0}, null);
    Image viaOp = zeroSaturation.apply(in, new SplittableRandom(9));
    assertEquals(viaOp.get(0, 0, 0), viaOp.get(2, 0, 0), 1e-3);
    assertEquals(200, ColorJitter.saturation(in, 1).get(0, 0, 0), 1e-3);
    Image oneChannel = new Image(1, 1, 1, new float[] {7});
    assertSame(oneChannel, ColorJitter.saturation(oneChannel, 0));
  }

  @Test
  void hueShiftMovesHueAndKeepsValue() {
    Image red = uniform(1, 1, 255, 0, 0);
    Image green = ColorJitter.hue(red, 1f / 3);
    assertEquals(0, green.get(0, 0, 0), 1e-2);
    assertEquals(255, green.get(1, 0, 0), 1e-2);
    assertEquals(0, green.get(2, 0, 0), 1e-2);
    Image cyan = ColorJitter.hue(red, -0.5f);
    assertEquals(0, cyan.get(0, 0, 0), 1e-2);
    assertEquals(255, cyan.get(1, 0, 0), 1e-2);
    assertEquals(255, cyan.get(2, 0, 0), 1e-2);
    Image orange = uniform(1, 1, 200, 100, 50);
    Image same = ColorJitter.hue(orange, 0);
    assertEquals(100, same.get(1, 0, 0), 1e-3);
    Image gray = uniform(1, 1, 80, 80, 80);
    assertEquals(80, ColorJitter.hue(gray, 0.3f).get(2, 0, 0), 1e-3);
    // a random hue shift in [-0.1, 0.1] moves pure red only towards yellow or magenta
    ColorJitter jitter = new ColorJitter(null, null, null, ColorJitter.hueRange(0.1));
    boolean moved = false;
    for (int seed = 0; seed < 50; seed++) {
      Image out = jitter.apply(red, new SplittableRandom(seed));
      assertEquals(255, out.get(0, 0, 0), 1e-2);
      assertTrue(out.get(1, 0, 0) < 0.6 * 255 + 1 && out.get(2, 0, 0) < 0.6 * 255 + 1);
      moved |= out.get(1, 0, 0) > 10 || out.get(2, 0, 0) > 10;
    }
    assertTrue(moved);
  }

  @Test
  void jitterAppliesAllFourInARandomOrder() {
    ColorJitter jitter = new ColorJitter(ColorJitter.factorRange(0.4), ColorJitter.factorRange(0.4),
        ColorJitter.factorRange(0.4), ColorJitter.hueRange(0.1));
    Image in = new Image(2, 1, 3, new float[] {10, 240, 120, 30, 60, 200});
    java.util.Set<String> results = new java.util.HashSet<>();
    for (int seed = 0; seed < 20; seed++) {
      float[] out = jitter.apply(in, new SplittableRandom(seed)).toArray();
      for (float v : out) {
        assertTrue(v >= 0 && v <= 255, "value " + v);
      }
      results.add(java.util.Arrays.toString(out));
    }
    assertEquals(20, results.size());
    assertThrows(IllegalArgumentException.class, () -> new ColorJitter(new double[] {2, 1}, null, null, null));
  }

  @Test
  void lightingOffsetLiesAlongThePrincipalComponentsWithTheirSpread() {
    // Orthonormal eigenvectors (columns) and a zero third eigenvalue: offsets stay in the plane
    // of the first two components, with std sigma * eigval along each.
    double s = Math.sqrt(0.5);
    List<Double> eigvec = List.of(s, -s, 0.0, s, s, 0.0, 0.0, 0.0, 1.0);
    Lighting lighting = new Lighting(0.1, List.of(0.3, 0.05, 0.0), eigvec);
    int n = 4000;
    double[] sum = new double[2];
    double[] sumSq = new double[2];
    for (int seed = 0; seed < n; seed++) {
      float[] rgb = lighting.offset(new SplittableRandom(seed));
      double along1 = (s * rgb[0] + s * rgb[1]) / 255;
      double along2 = (-s * rgb[0] + s * rgb[1]) / 255;
      double along3 = rgb[2] / 255;
      assertEquals(0, along3, 1e-9);
      sum[0] += along1;
      sum[1] += along2;
      sumSq[0] += along1 * along1;
      sumSq[1] += along2 * along2;
    }
    double std1 = Math.sqrt(sumSq[0] / n - Math.pow(sum[0] / n, 2));
    double std2 = Math.sqrt(sumSq[1] / n - Math.pow(sum[1] / n, 2));
    assertEquals(0.1 * 0.3, std1, 0.1 * 0.3 * 0.06);
    assertEquals(0.1 * 0.05, std2, 0.1 * 0.05 * 0.06);
    assertEquals(0, sum[0] / n, 0.002);

    Image in = uniform(2, 2, 100, 100, 100);
    Lighting imagenet = new Lighting(0.1, PipelineOps.IMAGENET_EIGVAL, PipelineOps.IMAGENET_EIGVEC);
    float[] offset = imagenet.offset(new SplittableRandom(7));
    Image out = imagenet.apply(in, new SplittableRandom(7));
    for (int c = 0; c < 3; c++) {
      assertEquals(100 + offset[c], out.get(c, 1, 1), 1e-4);
    }
    assertThrows(IllegalArgumentException.class, () -> imagenet.apply(new Image(1, 1, 1, new float[1]),
        new SplittableRandom(1)));
  }

  @Test
  void noiseHasTheGivenSpreadAndStaysInRange() {
    Image in = uniform(64, 64, 128, 128, 128);
    float[] out = new Noise(0.05).apply(in, new SplittableRandom(1)).toArray();
    double sum = 0;
    double sumSq = 0;
    for (float v : out) {
      sum += v - 128;
      sumSq += (v - 128) * (v - 128);
    }
    double std = Math.sqrt(sumSq / out.length - Math.pow(sum / out.length, 2));
    assertEquals(0.05 * 255, std, 0.05 * 255 * 0.05);
    for (float v : new Noise(1).apply(in, new SplittableRandom(2)).toArray()) {
      assertTrue(v >= 0 && v <= 255);
    }
  }
}
