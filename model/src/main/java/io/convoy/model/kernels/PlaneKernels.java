package io.convoy.model.kernels;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Batch-norm arithmetic over NCHW float data in native memory, seen as {@code n * c} planes of
 * {@code hw} contiguous floats (plane {@code p} belongs to channel {@code p % c}). Each method
 * works on the planes {@code [from, to)} and streams them through a small heap buffer that stays
 * in cache: copying a chunk in with JavaCPP costs about as much as a memcpy, and loops over Java
 * arrays vectorize, where ND4J's reductions along dimensions do not (about 4x slower here).
 * Sums run in float within a plane and in double across planes.
 */
final class PlaneKernels {
  /** Floats per chunk: a multiple of whole planes, at most this many unless one plane is larger. */
  static final int CHUNK_FLOATS = 1 << 14;

  private PlaneKernels() {}

  /** Planes per chunk for planes of {@code hw} floats (at least one). */
  static int planesPerChunk(int hw) {
    return Math.max(1, CHUNK_FLOATS / hw);
  }

  /**
   * Adds, per channel, the sum of {@code x - shift[ch]} and of its square. Shifting by a value
   * near the mean keeps the variance exact where the mean is large next to the spread.
   */
  static void shiftedSums(FloatPointer x, int c, int hw, int from, int to, float[] shift, double[] sum,
      double[] sumSquares, float[] buf) {
    int chunk = planesPerChunk(hw);
    for (int p0 = from; p0 < to; p0 += chunk) {
      int planes = Math.min(chunk, to - p0);
      x.position((long) p0 * hw).get(buf, 0, planes * hw);
      for (int q = 0; q < planes; q++) {
        int ch = (p0 + q) % c;
        float k = shift[ch];
        int base = q * hw;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        int i = 0;
        for (; i + 3 < hw; i += 4) {
          float d0 = buf[base + i] - k;
          float d1 = buf[base + i + 1] - k;
          float d2 = buf[base + i + 2] - k;
          float d3 = buf[base + i + 3] - k;
          s0 += d0;
          s1 += d1;
          s2 += d2;
          s3 += d3;
          t0 += d0 * d0;
          t1 += d1 * d1;
          t2 += d2 * d2;
          t3 += d3 * d3;
        }
        for (; i < hw; i++) {
          float d = buf[base + i] - k;
          s0 += d;
          t0 += d * d;
        }
        sum[ch] += (double) s0 + s1 + s2 + s3;
        sumSquares[ch] += (double) t0 + t1 + t2 + t3;
      }
    }
    x.position(0);
  }

  /** {@code y = (x - mean[ch]) * scale[ch] + shift[ch]}. */
  static void affine(FloatPointer x, FloatPointer y, int c, int hw, int from, int to, float[] mean, float[] scale,
      float[] shift, float[] buf) {
    int chunk = planesPerChunk(hw);
    for (int p0 = from; p0 < to; p0 += chunk) {
      int planes = Math.min(chunk, to - p0);
      x.position((long) p0 * hw).get(buf, 0, planes * hw);
      for (int q = 0; q < planes; q++) {
        int ch = (p0 + q) % c;
        float m = mean[ch];
        float s = scale[ch];
        float b = shift[ch];
        int base = q * hw;
        for (int i = base; i < base + hw; i++) {
          buf[i] = (buf[i] - m) * s + b;
        }
      }
      y.position((long) p0 * hw).put(buf, 0, planes * hw);
    }
    x.position(0);
    y.position(0);
  }

  /** Adds, per channel, the sum of {@code dy} and of {@code dy * (x - mean[ch])}. */
  static void gradientSums(FloatPointer x, FloatPointer dy, int c, int hw, int from, int to, float[] mean,
      double[] sumDy, double[] sumDyXmu, float[] xBuf, float[] dyBuf) {
    int chunk = planesPerChunk(hw);
    for (int p0 = from; p0 < to; p0 += chunk) {
      int planes = Math.min(chunk, to - p0);
      x.position((long) p0 * hw).get(xBuf, 0, planes * hw);
      dy.position((long) p0 * hw).get(dyBuf, 0, planes * hw);
      for (int q = 0; q < planes; q++) {
        int ch = (p0 + q) % c;
        float m = mean[ch];
        int base = q * hw;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        int i = base;
        int end = base + hw;
        for (; i + 3 < end; i += 4) {
          float g0 = dyBuf[i];
          float g1 = dyBuf[i + 1];
          float g2 = dyBuf[i + 2];
          float g3 = dyBuf[i + 3];
          s0 += g0;
          s1 += g1;
          s2 += g2;
          s3 += g3;
          t0 += g0 * (xBuf[i] - m);
          t1 += g1 * (xBuf[i + 1] - m);
          t2 += g2 * (xBuf[i + 2] - m);
          t3 += g3 * (xBuf[i + 3] - m);
        }
        for (; i < end; i++) {
          s0 += dyBuf[i];
          t0 += dyBuf[i] * (xBuf[i] - m);
        }
        sumDy[ch] += (double) s0 + s1 + s2 + s3;
        sumDyXmu[ch] += (double) t0 + t1 + t2 + t3;
      }
    }
    x.position(0);
    dy.position(0);
  }

  /** {@code dx = dy * dyScale[ch] + (x - mean[ch]) * xScale[ch] + offset[ch]}. */
  static void inputGradient(FloatPointer x, FloatPointer dy, FloatPointer dx, int c, int hw, int from, int to,
      float[] mean, float[] dyScale, float[] xScale, float[] offset, float[] xBuf, float[] dyBuf) {
    int chunk = planesPerChunk(hw);
    for (int p0 = from; p0 < to; p0 += chunk) {
      int planes = Math.min(chunk, to - p0);
      x.position((long) p0 * hw).get(xBuf, 0, planes * hw);
      dy.position((long) p0 * hw).get(dyBuf, 0, planes * hw);
      for (int q = 0; q < planes; q++) {
        int ch = (p0 + q) % c;
        float m = mean[ch];
        float a = dyScale[ch];
        float b = xScale[ch];
        float o = offset[ch];
        int base = q * hw;
        for (int i = base; i < base + hw; i++) {
          dyBuf[i] = dyBuf[i] * a + (xBuf[i] - m) * b + o;
        }
      }
      dx.position((long) p0 * hw).put(dyBuf, 0, planes * hw);
    }
    x.position(0);
    dy.position(0);
    dx.position(0);
  }
}
