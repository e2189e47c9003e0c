package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * torchvision's {@code ColorJitter} on float pixels in [0, 255]: a random order of the four
 * adjustments is drawn first, then a brightness, contrast, saturation and hue factor (each
 * only if that adjustment is on), then the adjustments that are on run in that order, each
 * clamping to [0, 255]:
 * <ul>
 *   <li>brightness f: x * f
 *   <li>contrast f: blend with the mean of the image's gray (0.2989 R + 0.587 G + 0.114 B)
 *   <li>saturation f: blend with each pixel's gray (no effect on one channel)
 *   <li>hue h: rotate the HSV hue by h turns (no effect on one channel)
 * </ul>
 * where blend(x, y, f) = f x + (1 - f) y. Ranges are [low, high] factors; null means off.
 */
public final class ColorJitter implements ImageOp {
  private static final long serialVersionUID = 1L;
  private static final float R = 0.2989f;
  private static final float G = 0.587f;
  private static final float B = 0.114f;
  private static final int BLOCK = 1024;

  private final double[] brightness;
  private final double[] contrast;
  private final double[] saturation;
  private final double[] hue;

  /** Each range is {low, high}, or null for off. */
  public ColorJitter(double[] brightness, double[] contrast, double[] saturation, double[] hue) {
    this.brightness = check("brightness", brightness, 0, Double.MAX_VALUE);
    this.contrast = check("contrast", contrast, 0, Double.MAX_VALUE);
    this.saturation = check("saturation", saturation, 0, Double.MAX_VALUE);
    this.hue = check("hue", hue, -0.5, 0.5);
  }

  /**
   * The factor range torchvision gives one number {@code x}: [max(0, 1 - x), 1 + x], or null
   * (off) when x is 0.
   */
  public static double[] factorRange(double x) {
    if (x < 0) {
      throw new IllegalArgumentException("color-jitter factor " + x + ": expected a number >= 0");
    }
    return x == 0 ? null : new double[] {Math.max(0, 1 - x), 1 + x};
  }

  /** The hue range torchvision gives one number {@code h}: [-h, h], or null (off) when h is 0. */
  public static double[] hueRange(double h) {
    return h == 0 ? null : new double[] {-Math.abs(h), Math.abs(h)};
  }

  private static double[] check(String name, double[] range, double min, double max) {
    if (range == null) {
      return null;
    }
    if (range.length != 2 || !(range[0] >= min) || !(range[1] <= max) || range[0] > range[1]) {
      throw new IllegalArgumentException("color-jitter " + name + " " + Arrays.toString(range)
          + ": expected [low, high] with " + min + " <= low <= high <= " + max);
    }
    return range.clone();
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    return applyOwned(in.copy(), random);
  }

  @Override
  public Image applyOwned(Image out, SplittableRandom random) {
    int[] order = {0, 1, 2, 3};
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double b = draw(random, brightness);
    double c = draw(random, contrast);
    double s = draw(random, saturation);
    double h = draw(random, hue);
    for (int fn : order) {
      switch (fn) {
        case 0 -> {
          if (brightness != null) {
            brightnessInPlace(out, (float) b);
          }
        }
        case 1 -> {
          if (contrast != null) {
            contrastInPlace(out, (float) c);
          }
        }
        case 2 -> {
          if (saturation != null) {
            saturationInPlace(out, (float) s);
          }
        }
        default -> {
          if (hue != null) {
            hueInPlace(out, (float) h);
          }
        }
      }
    }
    return out;
  }

  private static double draw(SplittableRandom random, double[] range) {
    return range == null ? Double.NaN : RandomResizedCrop.uniform(random, range[0], range[1]);
  }

  static Image brightness(Image in, float f) {
    Image out = in.copy();
    brightnessInPlace(out, f);
    return out;
  }

  private static void brightnessInPlace(Image image, float f) {
    float[] px = image.pixels();
    for (int i = 0; i < px.length; i++) {
      px[i] = Math.min(Math.max(px[i] * f, 0f), 255f);
    }
  }

  static Image contrast(Image in, float f) {
    Image out = in.copy();
    contrastInPlace(out, f);
    return out;
  }

  private static void contrastInPlace(Image in, float f) {
    float[] src = in.pixels();
    int n = in.width() * in.height();
    // The mean gray is the gray of the channel means (gray is linear): three plain sums.
    double mean = in.channels() == 3
        ? (R * sum(src, 0, n) + G * sum(src, n, 2 * n) + B * sum(src, 2 * n, 3 * n)) / n
        : sum(src, 0, n) / n;
    float offset = (1 - f) * (float) mean;
    for (int i = 0; i < src.length; i++) {
      src[i] = Math.min(Math.max(f * src[i] + offset, 0f), 255f);
    }
  }

  /**
   * The sum of {@code a[from..to)}: eight float accumulators over runs of 512 values, each run
   * added to a double. One accumulator would wait on the latency of every add (the JIT does
   * not vectorize float reductions); this is ~4x faster, and each float sums only 64 values.
   */
  static double sum(float[] a, int from, int to) {
    double total = 0;
    int i = from;
    while (i + 7 < to) {
      int end = Math.min(to - 7, i + 512);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (; i < end; i += 8) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
        s4 += a[i + 4];
        s5 += a[i + 5];
        s6 += a[i + 6];
        s7 += a[i + 7];
      }
      total += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
    for (; i < to; i++) {
      total += a[i];
    }
    return total;
  }

  static Image saturation(Image in, float f) {
    if (in.channels() != 3) {
      return in;
    }
    Image out = in.copy();
    saturationInPlace(out, f);
    return out;
  }

  private static void saturationInPlace(Image in, float f) {
    if (in.channels() != 3) {
      return;
    }
    float[] px = in.pixels();
    int n = in.width() * in.height();
    float g = 1 - f;
    // In blocks, in three vectorizable loops: the block's grays, each plane's blend, then the
    // clamp. The JIT vectorizes Math.min/max only in a loop over one array, and one loop over
    // the three planes at once not at all (it cannot tell px[i] and px[n + i] apart); fused
    // into one scalar loop this was ~4x slower.
    float[] gray = new float[Math.min(BLOCK, n)];
    for (int start = 0; start < n; start += BLOCK) {
      int len = Math.min(BLOCK, n - start);
      for (int i = 0; i < len; i++) {
        gray[i] = g * (R * px[start + i] + G * px[n + start + i] + B * px[2 * n + start + i]);
      }
      for (int c = 0; c < 3; c++) {
        int base = c * n + start;
        for (int i = 0; i < len; i++) {
          px[base + i] = f * px[base + i] + gray[i];
        }
        clamp(px, base, base + len);
      }
    }
  }

  /** torchvision's {@code _rgb2hsv}, hue shift modulo 1, {@code _hsv2rgb}. */
  static Image hue(Image in, float shift) {
    if (in.channels() != 3) {
      return in;
    }
    Image out = in.copy();
    hueInPlace(out, shift);
    return out;
  }

  private static void hueInPlace(Image in, float shift) {
    if (in.channels() != 3) {
      return;
    }
    float[] src = in.pixels();
    float[] out = src;
    int n = in.width() * in.height();
    for (int i = 0; i < n; i++) {
      float r = src[i] / 255f;
      float g = src[n + i] / 255f;
      float b = src[2 * n + i] / 255f;
      float maxc = Math.max(r, Math.max(g, b));
      float minc = Math.min(r, Math.min(g, b));
      float cr = maxc - minc;
      boolean eqc = maxc == minc;
      float s = cr / (eqc ? 1 : maxc);
      float div = eqc ? 1 : cr;
      float rc = (maxc - r) / div;
      float gc = (maxc - g) / div;
      float bc = (maxc - b) / div;
      float h;
      if (maxc == r) {
        h = bc - gc;
      } else if (maxc == g) {
        h = 2 + rc - bc;
      } else {
        h = 4 + gc - rc;
      }
      h = h / 6 + 1;
      h = h - (float) Math.floor(h);
      h += shift;
      h = h - (float) Math.floor(h);
      float v = maxc;
      float h6 = h * 6;
      int sector = (int) Math.floor(h6);
      float f = h6 - sector;
      sector %= 6;
      float p = clamp01(v * (1 - s));
      float q = clamp01(v * (1 - s * f));
      float t = clamp01(v * (1 - s * (1 - f)));
      float ro;
      float go;
      float bo;
      switch (sector) {
        case 0 -> { ro = v; go = t; bo = p; }
        case 1 -> { ro = q; go = v; bo = p; }
        case 2 -> { ro = p; go = v; bo = t; }
        case 3 -> { ro = p; go = q; bo = v; }
        case 4 -> { ro = t; go = p; bo = v; }
        default -> { ro = v; go = p; bo = q; }
      }
      out[i] = ro * 255f;
      out[n + i] = go * 255f;
      out[2 * n + i] = bo * 255f;
    }
  }

  /** Clamps {@code px[from..to)} to [0, 255]; a loop of its own so that it vectorizes. */
  private static void clamp(float[] px, int from, int to) {
    for (int i = from; i < to; i++) {
      px[i] = Math.min(Math.max(px[i], 0f), 255f);
    }
  }

  private static float clamp01(float x) {
    return x < 0 ? 0 : Math.min(x, 1f);
  }

  @Override
  public String toString() {
    return "color-jitter{brightness=" + Arrays.toString(brightness) + ", contrast=" + Arrays.toString(contrast)
        + ", saturation=" + Arrays.toString(saturation) + ", hue=" + Arrays.toString(hue) + "}";
  }
}
