package io.convoy.driver.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Float tensors (CHW, 1 or 3 channels, any range) shown as pictures in a grid. Each tile is
 * stretched to its own min..max, since normalized inputs and filter weights have no fixed range.
 */
final class ImageGrid {
  private ImageGrid() {}

  /**
   * One tile per tensor, {@code columns} a row, each scaled up by an integer factor to about
   * {@code tilePixels} (nearest neighbour, so pixels stay visible) with a gap between tiles.
   */
  static BufferedImage grid(List<float[]> tensors, int channels, int height, int width, int columns,
      int tilePixels) {
    int scale = Math.max(1, tilePixels / Math.max(height, width));
    int gap = 2;
    int rows = (tensors.size() + columns - 1) / columns;
    int tileW = width * scale;
    int tileH = height * scale;
    BufferedImage out = new BufferedImage(Math.max(1, columns * (tileW + gap) + gap),
        Math.max(1, rows * (tileH + gap) + gap), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    for (int i = 0; i < tensors.size(); i++) {
      BufferedImage tile = tile(tensors.get(i), channels, height, width);
      int x = gap + (i % columns) * (tileW + gap);
      int y = gap + (i / columns) * (tileH + gap);
      g.drawImage(tile, x, y, tileW, tileH, null);
    }
    g.dispose();
    return out;
  }

  /** One CHW tensor as an RGB picture, stretched to its min..max. */
  static BufferedImage tile(float[] chw, int channels, int height, int width) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : chw) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float range = max > min ? max - min : 1;
    int plane = height * width;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        int r = level(chw[p], min, range);
        int gr = channels >= 3 ? level(chw[plane + p], min, range) : r;
        int b = channels >= 3 ? level(chw[2 * plane + p], min, range) : r;
        img.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return img;
  }

  private static int level(float v, float min, float range) {
    return Math.max(0, Math.min(255, Math.round((v - min) / range * 255)));
  }

  static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
    }
  }
}
