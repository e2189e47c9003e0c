package io.convoy.pipeline;

/**
 * Cuts the central {@code size} x {@code size} square (when the margin is odd, the extra pixel
 * is left on the right or bottom). An image smaller than {@code size} is an error rather than
 * padded: padding would feed the network borders it never sees otherwise, and a too-large crop
 * is always a pipeline mistake (resize to at least {@code size} first).
 */
public final class CenterCrop implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final int size;

  public CenterCrop(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("center-crop size " + size + ": expected a positive number of pixels");
    }
    this.size = size;
  }

  @Override
  public Image apply(Image in) {
    int w = in.width();
    int h = in.height();
    if (w < size || h < size) {
      throw new IllegalArgumentException("center-crop of " + size + "x" + size + " does not fit a " + w + "x"
          + h + " image: resize the shorter side to at least " + size + " before center-crop");
    }
    if (w == size && h == size) {
      return in;
    }
    int left = (w - size) / 2;
    int top = (h - size) / 2;
    float[] src = in.pixels();
    float[] out = new float[in.channels() * size * size];
    for (int c = 0; c < in.channels(); c++) {
      for (int y = 0; y < size; y++) {
        System.arraycopy(src, (c * h + top + y) * w + left, out, (c * size + y) * size, size);
      }
    }
    return new Image(size, size, in.channels(), out);
  }
}
