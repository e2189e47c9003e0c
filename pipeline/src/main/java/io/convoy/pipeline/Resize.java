package io.convoy.pipeline;

import java.util.SplittableRandom;

/**
 * Scales an image so that its shorter side is {@code size} pixels, keeping the aspect ratio (the
 * longer side is rounded to the nearest pixel). Bilinear, with pixel centers at half-integer
 * coordinates and edges clamped, as OpenCV's {@code INTER_LINEAR} and PIL's {@code BILINEAR}.
 * When shrinking, the triangle filter widens to the scale factor so that every source pixel
 * contributes (as PIL and torchvision's {@code antialias=True} do): plain 2x2 bilinear would
 * alias badly when large photos are reduced to network size.
 */
public final class Resize implements SourceOp {
  private static final long serialVersionUID = 1L;

  private final int size;

  public Resize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("resize size " + size + ": expected a positive number of pixels");
    }
    this.size = size;
  }

  @Override
  public Region region(int width, int height, SplittableRandom random) {
    return new Region(0, 0, width, height, width <= height ? size : longSide(width, height),
        width <= height ? longSide(height, width) : size);
  }

  /** {@code in} scaled to exactly {@code outW} x {@code outH} (no aspect ratio kept). */
  static Image resample(Image in, int outW, int outH) {
    int w = in.width();
    int h = in.height();
    if (outW == w && outH == h) {
      return in;
    }
    float[] src = in.pixels();
    int channels = in.channels();
    float[] rows = src;
    if (outW != w) {
      Filter horizontal = new Filter(w, outW);
      rows = new float[channels * h * outW];
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < h; y++) {
          horizontal.apply(src, (c * h + y) * w, 1, rows, (c * h + y) * outW, 1);
        }
      }
    }
    if (outH == h) {
      return new Image(outW, outH, channels, rows);
    }
    Filter vertical = new Filter(h, outH);
    float[] out = new float[channels * outH * outW];
    for (int c = 0; c < channels; c++) {
      for (int x = 0; x < outW; x++) {
        vertical.apply(rows, c * h * outW + x, outW, out, c * outH * outW + x, outW);
      }
    }
    return new Image(outW, outH, channels, out);
  }

  @Override
  public String toString() {
    return "resize{size=" + size + "}";
  }

  private int longSide(int longer, int shorter) {
    return Math.max(1, (int) Math.round((double) longer * size / shorter));
  }

  /** One axis: output pixel i is the sum of inputs first[i], first[i] + 1, ... times weights[i]. */
  private static final class Filter {
    private final int[] first;
    private final float[][] weights;

    Filter(int in, int out) {
      double scale = (double) in / out;
      double support = Math.max(1.0, scale);
      first = new int[out];
      weights = new float[out][];
      for (int i = 0; i < out; i++) {
        double center = (i + 0.5) * scale;
        int lo = Math.max(0, (int) Math.floor(center - support));
        int hi = Math.min(in, (int) Math.ceil(center + support));
        double[] w = new double[hi - lo];
        double sum = 0;
        for (int j = lo; j < hi; j++) {
          w[j - lo] = Math.max(0, 1 - Math.abs(j + 0.5 - center) / support);
          sum += w[j - lo];
        }
        // Renormalizing near the edges is what clamping the coordinates amounts to.
        first[i] = lo;
        weights[i] = new float[w.length];
        for (int k = 0; k < w.length; k++) {
          weights[i][k] = (float) (w[k] / sum);
        }
      }
    }

    /** Filters one line: input values src[from + k * step], output values dst[to + i * step]. */
    void apply(float[] src, int from, int srcStep, float[] dst, int to, int dstStep) {
      for (int i = 0; i < first.length; i++) {
        float[] w = weights[i];
        int at = from + first[i] * srcStep;
        float acc = 0;
        for (int k = 0; k < w.length; k++) {
          acc += w[k] * src[at + k * srcStep];
        }
        dst[to + i * dstStep] = acc;
      }
    }
  }
}
