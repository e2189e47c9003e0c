package io.convoy.pipeline.ops;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;

import java.util.SplittableRandom;

/**
 * Pads the image with {@code padding} zero pixels on every side, then cuts a {@code size} x
 * {@code size} square at a uniformly random position (the CIFAR recipe; torchvision's
 * {@code RandomCrop(size, padding)}: the row offset is drawn first, then the column).
 */
public final class RandomCrop implements ImageOp {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final int padding;

  public RandomCrop(int size, int padding) {
    if (size < 1 || padding < 0) {
      throw new IllegalArgumentException("random-crop size " + size + ", padding " + padding
          + ": expected a positive size and a padding >= 0");
    }
    this.size = size;
    this.padding = padding;
  }

  @Override
  public boolean isRandom() {
    return true;
  }

  @Override
  public Image apply(Image in, SplittableRandom random) {
    int w = in.width();
    int h = in.height();
    int paddedW = w + 2 * padding;
    int paddedH = h + 2 * padding;
    if (paddedW < size || paddedH < size) {
      throw new IllegalArgumentException("random-crop of " + size + "x" + size + " does not fit a " + w + "x" + h
          + " image padded by " + padding + ": resize the shorter side to at least " + (size - 2 * padding) + " first");
    }
    int top = random.nextInt(paddedH - size + 1) - padding;
    int left = random.nextInt(paddedW - size + 1) - padding;
    float[] src = in.pixels();
    float[] out = new float[in.channels() * size * size];
    int x0 = Math.max(0, -left);
    int x1 = Math.min(size, w - left);
    for (int c = 0; c < in.channels(); c++) {
      for (int y = 0; y < size; y++) {
        int sy = top + y;
        if (sy < 0 || sy >= h || x1 <= x0) {
          continue;
        }
        System.arraycopy(src, (c * h + sy) * w + left + x0, out, (c * size + y) * size + x0, x1 - x0);
      }
    }
    return new Image(size, size, in.channels(), out);
  }

  @Override
  public String toString() {
    return "random-crop{size=" + size + ", padding=" + padding + "}";
  }
}
