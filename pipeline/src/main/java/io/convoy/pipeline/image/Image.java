package io.convoy.pipeline.image;

import java.util.Arrays;

/**
 * A decoded image as floats in planar CHW order (channel, then row, then column), the layout
 * the network takes, so the last step of a pipeline needs no transpose. Decoders produce values
 * in [0, 255]; {@link Normalize} maps them to the network's scale. Channels are 1 (gray) or
 * 3 (R, G, B). Instances are never changed after construction.
 */
public final class Image {
  private final int width;
  private final int height;
  private final int channels;
  private final float[] pixels;

  /**
   * Takes {@code pixels} (CHW, {@code channels * height * width} values) without copying it: the
   * caller must not change the array afterwards.
   */
  public Image(int width, int height, int channels, float[] pixels) {
    if (width < 1 || height < 1 || channels < 1) {
      throw new IllegalArgumentException("image of " + width + "x" + height + "x" + channels
          + ": expected positive width, height and channels");
    }
    if (pixels.length != (long) width * height * channels) {
      throw new IllegalArgumentException(pixels.length + " values for a " + width + "x" + height + "x"
          + channels + " image: expected " + (long) width * height * channels);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = pixels;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  /** The value of channel {@code c} at row {@code y}, column {@code x}. */
  public float get(int c, int y, int x) {
    return pixels[(c * height + y) * width + x];
  }

  /** A copy of the CHW values. */
  public float[] toArray() {
    return Arrays.copyOf(pixels, pixels.length);
  }

  /**
   * The CHW values themselves, for the pipeline's ops and decoders, which only read them, except
   * in {@link ImageOp#applyOwned} on an image given up by its caller.
   */
  public float[] pixels() {
  return pixels;
  }

  /** A copy that the ops' in-place operations may overwrite. */
  public Image copy() {
    return new Image(width, height, channels, toArray());
  }

  @Override
  public String toString() {
    return width + "x" + height + "x" + channels + " image";
  }
}
