package io.convoy.pipeline.image;

/**
 * Scaling an image to an exact size: bilinear, with pixel centers at half-integer coordinates and
 * edges clamped, as OpenCV's {@code INTER_LINEAR} and PIL's {@code BILINEAR}. When shrinking, the
 * triangle filter widens to the scale factor so that every source pixel contributes (as PIL and
 * torchvision's {@code antialias=True} do). Shared by the resize op and by regions that decoders
 * cut and scale at decode time.
 */
public final class Resampling {
  private Resampling() {}

  /** {@code in} scaled to exactly {@code outW} x {@code outH} (no aspect ratio kept). */
  public static Image resample(Image in, int outW, int outH) {
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
