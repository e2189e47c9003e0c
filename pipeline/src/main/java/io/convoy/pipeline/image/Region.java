package io.convoy.pipeline.image;

/**
 * A rectangle of a source image (pixel coordinates: columns x to x + width - 1, rows y to
 * y + height - 1) and the size it is to be scaled to. Lets the first geometric operation of a
 * pipeline tell the decoder what it needs, so that the decoder can decode a large JPEG at a
 * fraction of its size and crop and resample natively.
 */
public record Region(int x, int y, int width, int height, int outWidth, int outHeight) {
  public Region {
    if (width < 1 || height < 1 || outWidth < 1 || outHeight < 1 || x < 0 || y < 0) {
      throw new IllegalArgumentException("region " + x + "," + y + " " + width + "x" + height + " -> " + outWidth
          + "x" + outHeight + ": expected a non-empty rectangle inside the image");
    }
  }

  /** The whole {@code width} x {@code height} image, not resampled. */
  public static Region whole(int width, int height) {
    return new Region(0, 0, width, height, width, height);
  }

  /** Whether the region is the whole image at its own size (nothing to do). */
  boolean isIdentity(int imageWidth, int imageHeight) {
    return x == 0 && y == 0 && width == imageWidth && height == imageHeight
        && outWidth == width && outHeight == height;
  }

  /** Cuts this region out of {@code in} and resamples it (bilinear, antialiased) in Java. */
  public Image applyTo(Image in) {
    if (x + width > in.width() || y + height > in.height()) {
      throw new IllegalArgumentException(this + " does not fit a " + in);
    }
    if (isIdentity(in.width(), in.height())) {
      return in;
    }
    Image cropped = in;
    if (x != 0 || y != 0 || width != in.width() || height != in.height()) {
      float[] src = in.pixels();
      int c = in.channels();
      float[] out = new float[c * width * height];
      for (int ch = 0; ch < c; ch++) {
        for (int row = 0; row < height; row++) {
          System.arraycopy(src, (ch * in.height() + y + row) * in.width() + x, out, (ch * height + row) * width, width);
        }
      }
      cropped = new Image(width, height, c, out);
    }
    return Resampling.resample(cropped, outWidth, outHeight);
  }
}
