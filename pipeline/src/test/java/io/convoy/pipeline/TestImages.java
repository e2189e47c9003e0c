package io.convoy.pipeline;

import io.convoy.pipeline.image.Image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small real images for tests, encoded with ImageIO. */
public final class TestImages {
  private TestImages() {}

  /** {@code img} encoded as png, jpeg or bmp. */
  public static byte[] encode(BufferedImage img, String format) {
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
  public static BufferedImage rgb(int w, int h, int r, int g, int b) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  /** An 8-bit gray image with the given row-major values. */
  public static BufferedImage gray(int w, int h, int... values) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setPixels(0, 0, w, h, values);
    return img;
  }

  /** A smooth w x h RGB image (gradients and a soft disc), like a photo's low frequencies. */
  public static BufferedImage smooth(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(seed);
    double cx = w * (0.3 + 0.4 * random.nextDouble());
    double cy = h * (0.3 + 0.4 * random.nextDouble());
    double radius = Math.min(w, h) * (0.2 + 0.2 * random.nextDouble());
    int tint = random.nextInt(100);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double d = Math.hypot(x - cx, y - cy) / radius;
        double disc = 1 / (1 + Math.exp(4 * (d - 1)));
        int r = (int) (40 + 150.0 * x / w + 60 * disc);
        int g = (int) (30 + 120.0 * y / h + tint * (1 - disc));
        int b = (int) (200 - 150.0 * (x + y) / (w + h) + 40 * disc);
        img.setRGB(x, y, (clamp(r) << 16) | (clamp(g) << 8) | clamp(b));
      }
    }
    return img;
  }

  /** An RGB image of independent random pixels. */
  public static BufferedImage noise(int w, int h, int seed) {
    java.util.Random random = new java.util.Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return img;
  }

  /**
   * A uniform 4-component (Adobe, inverted CMYK) JPEG whose stored component values are
   * {@code c, m, y, k}: decoded as RGB it is about (c k / 255, m k / 255, y k / 255).
   */
  public static byte[] cmykJpeg(int w, int h, int c, int m, int y, int k) {
    java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
        java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        raster.setPixel(col, row, new int[] {c, m, y, k});
      }
    }
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /** A tiny real PNG file. */
  public static void writePng(Path file) {
    write(file, encode(rgb(2, 2, 10, 20, 30), "png"));
  }

  public static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image from CHW values. */
  public static Image image(int w, int h, int channels, float... chw) {
    return new Image(w, h, channels, chw);
  }
}
