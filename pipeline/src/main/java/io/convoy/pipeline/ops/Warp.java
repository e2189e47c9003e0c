package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;

/**
 * Affine warps about the image center in Java: bilinear sampling, pixel centers at
 * half-integer coordinates, points outside the source filled with 0 (torchvision's fill).
 */
final class Warp {
  private Warp() {}

  /**
   * Maps every output pixel p to the source point c + t' + m (p - c - t), where m is the
   * inverse of the forward 2x2 matrix {@code a b; d e} (on x right, y down coordinates),
   * c the image center and t the forward translation (tx, ty): the output is the input moved
   * by the forward transform.
   */
  static Image affine(Image in, double a, double b, double d, double e, double tx, double ty) {
    double det = a * e - b * d;
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("affine transform [" + a + " " + b + "; " + d + " " + e + "] is singular");
    }
    double ia = e / det;
    double ib = -b / det;
    double id = -d / det;
    double ie = a / det;
    int w = in.width();
    int h = in.height();
    double cx = w * 0.5;
    double cy = h * 0.5;
    float[] src = in.pixels();
    int channels = in.channels();
    float[] out = new float[src.length];
    int plane = w * h;
    for (int y = 0; y < h; y++) {
      double py = y + 0.5 - cy - ty;
      for (int x = 0; x < w; x++) {
        double px = x + 0.5 - cx - tx;
        // source point in index coordinates (pixel centers at integers)
        double sx = cx + ia * px + ib * py - 0.5;
        double sy = cy + id * px + ie * py - 0.5;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
          continue;
        }
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        float w00 = (1 - fx) * (1 - fy);
        float w01 = fx * (1 - fy);
        float w10 = (1 - fx) * fy;
        float w11 = fx * fy;
        boolean inX0 = x0 >= 0;
        boolean inX1 = x0 + 1 < w;
        boolean inY0 = y0 >= 0;
        boolean inY1 = y0 + 1 < h;
        for (int c = 0; c < channels; c++) {
          int base = c * plane;
          float v = 0;
          if (inY0) {
            int row = base + y0 * w;
            if (inX0) {
              v += w00 * src[row + x0];
            }
            if (inX1) {
              v += w01 * src[row + x0 + 1];
            }
          }
          if (inY1) {
            int row = base + (y0 + 1) * w;
            if (inX0) {
              v += w10 * src[row + x0];
            }
            if (inX1) {
              v += w11 * src[row + x0 + 1];
            }
          }
          out[base + y * w + x] = v;
        }
      }
    }
    return new Image(w, h, channels, out);
  }

  /**
   * The forward matrix of a counter-clockwise rotation by {@code degrees} (as seen on screen),
   * then x shear by {@code shearDegrees} applied first, all scaled by {@code scale}:
   * {@code scale * R(angle) * Shear}, as {a, b, d, e}.
   */
  static double[] matrix(double degrees, double scale, double shearDegrees) {
    double t = Math.toRadians(degrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    double k = Math.tan(Math.toRadians(shearDegrees));
    // R = [cos sin; -sin cos] on y-down coordinates; Shear = [1 k; 0 1]
    return new double[] {scale * cos, scale * (cos * k + sin), -scale * sin, scale * (-sin * k + cos)};
  }
}
