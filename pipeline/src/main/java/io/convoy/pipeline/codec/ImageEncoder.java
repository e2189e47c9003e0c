package io.convoy.pipeline.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pipeline output back to image files: CHW values in [0, 1] (a pipeline's tensor without
 * normalize) to 8-bit PNG or JPEG, and several of them side by side in one grid for a look.
 */
public final class ImageEncoder {
  /** The formats {@link #encode} writes. */
  public static final List<String> FORMATS = List.of("png", "jpg");
  /** JPEG quality: high, so that augmented copies do not add visible compression artifacts. */
  private static final float JPEG_QUALITY = 0.95f;

  private ImageEncoder() {}

  /** A {@code size x size} image of CHW values in [0, 1] (clamped), gray for 1 channel, RGB for 3. */
  public static BufferedImage toImage(float[] chw, int channels, int size) {
    if (chw.length != channels * size * size || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(chw.length + " values: expected " + channels + "x" + size + "x" + size
          + " with 1 or 3 channels");
    }
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int plane = size * size;
    for (int i = 0; i < plane; i++) {
      int r = byteOf(chw[i]);
      int g = channels == 3 ? byteOf(chw[plane + i]) : r;
      int b = channels == 3 ? byteOf(chw[2 * plane + i]) : r;
      img.setRGB(i % size, i / size, (r << 16) | (g << 8) | b);
    }
    return img;
  }

  /** {@code images} in rows of {@code columns}, with a 2-pixel gray gap; unused cells stay gray. */
  public static BufferedImage grid(List<BufferedImage> images, int columns) {
    if (images.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("a grid needs at least one image and one column");
    }
    int cell = images.stream().mapToInt(i -> Math.max(i.getWidth(), i.getHeight())).max().orElseThrow();
    int gap = 2;
    int rows = (images.size() + columns - 1) / columns;
    int cols = Math.min(columns, images.size());
    BufferedImage grid = new BufferedImage(cols * (cell + gap) + gap, rows * (cell + gap) + gap,
        BufferedImage.TYPE_INT_RGB);
    var g = grid.createGraphics();
    g.setColor(java.awt.Color.GRAY);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i), gap + (i % columns) * (cell + gap), gap + (i / columns) * (cell + gap), null);
    }
    g.dispose();
    return grid;
  }

  /** {@code img} as a {@code png} or {@code jpg} file's bytes. */
  public static byte[] encode(BufferedImage img, String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new IllegalArgumentException("image format " + format + ": expected one of " + FORMATS);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (f.equals("png")) {
        ImageIO.write(img, "png", out);
      } else {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
          writer.setOutput(stream);
          writer.write(null, new IIOImage(img, null, null), param);
        } finally {
          writer.dispose();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + f + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static int byteOf(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  }
}
