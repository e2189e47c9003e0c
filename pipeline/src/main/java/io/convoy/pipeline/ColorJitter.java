package io.convoy.pipeline;

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
    double sum = 0;
    if (in.channels() == 3) {
      for (int i = 0; i < n; i++) {
        sum += R * src[i] + G * src[n + i] + B * src[2 * n + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        sum += src[i];
      }
    }
    float offset = (1 - f) * (float) (sum / n);
    for (int i = 0; i < src.length; i++) {
      src[i] = Math.min(Math.max(f * src[i] + offset, 0f), 255f);
    }
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
    float[] src = in.pixels();
    float[] out = src;
    int n = in.width() * in.height();
    float g = 1 - f;
    for (int i = 0; i < n; i++) {
      float gray = g * (R * src[i] + G * src[n + i] + B * src[2 * n + i]);
      out[i] = clamp(f * src[i] + gray);
      out[n + i] = clamp(f * src[n + i] + gray);
      out[2 * n + i] = clamp(f * src[2 * n + i] + gray);
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

  private static float clamp(float x) {
    return Math.min(Math.max(x, 0f), 255f);
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
