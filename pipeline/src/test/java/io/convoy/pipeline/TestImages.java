package io.convoy.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small real images for tests, encoded with ImageIO. */
final class TestImages {
  private TestImages() {}

  /** {@code img} encoded as png, jpeg or bmp. */
  static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format + " and " + img);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A w x h image filled with one RGB color. */
  static BufferedImage rgb(int w, int h, int r, int g, int b) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  /** An 8-bit gray image with the given row-major values. */
  static BufferedImage gray(int w, int h, int... values) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setPixels(0, 0, w, h, values);
    return img;
  }

  /** A tiny real PNG file. */
  static void writePng(Path file) {
    write(file, encode(rgb(2, 2, 10, 20, 30), "png"));
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image from CHW values. */
  static Image image(int w, int h, int channels, float... chw) {
    return new Image(w, h, channels, chw);
  }
}
