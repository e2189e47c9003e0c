package io.convoy.pipeline.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * Draws one image of a shapes class: a gray background of random level, the shape at a random
 * position, scale, rotation and slightly jittered color, antialiased, then per-pixel noise.
 * Only off-screen Java2D is used, which works headless.
 *
 * <p>The ranges are tuned so that the demo's simple-cnn (8 classes x 300 images at 32x32, two
 * replicas, Nesterov lr 0.01) passes 95% validation accuracy in about 6 to 8 epochs after
 * about 65% in the first: with shapes down to 35% of the image and any rotation it stayed
 * near 90% after 8 epochs.
 */
final class ShapeRenderer {
  /** Shape diameter as a fraction of the image side. */
  private static final double MIN_SCALE = 0.55;
  private static final double MAX_SCALE = 0.90;
  /** Rotation in radians either way from upright (about 29 degrees). */
  private static final double MAX_ROTATION = 0.5;
  /** Per-channel color jitter, either way. */
  private static final int COLOR_JITTER = 25;
  /** Standard deviation of the pixel noise, drawn per image from [MIN_NOISE, MAX_NOISE). */
  private static final double MIN_NOISE = 2;
  private static final double MAX_NOISE = 8;

  private ShapeRenderer() {}

  /**
   * @param random the image's own generator ({@code java.util.Random}, whose sequence the Java
   *     specification fixes, so a seed gives the same image on every JVM)
   */
  static BufferedImage render(ShapeClass cls, int size, Random random) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      int gray = 20 + random.nextInt(141);
      g.setColor(new Color(gray, gray, gray));
      g.fillRect(0, 0, size, size);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      double radius = size * (MIN_SCALE + random.nextDouble() * (MAX_SCALE - MIN_SCALE)) / 2;
      double cx = radius + random.nextDouble() * (size - 2 * radius);
      double cy = radius + random.nextDouble() * (size - 2 * radius);
      AffineTransform at = new AffineTransform();
      at.translate(cx, cy);
      at.rotate((2 * random.nextDouble() - 1) * MAX_ROTATION);
      at.scale(radius, radius);
      g.setColor(jitter(cls.hue().color, random));
      g.fill(at.createTransformedShape(cls.figure().outline));
    } finally {
      g.dispose();
    }
    addNoise(image, MIN_NOISE + random.nextDouble() * (MAX_NOISE - MIN_NOISE), random);
    return image;
  }

  private static Color jitter(Color c, Random random) {
    return new Color(clamp(c.getRed() + random.nextInt(2 * COLOR_JITTER + 1) - COLOR_JITTER),
        clamp(c.getGreen() + random.nextInt(2 * COLOR_JITTER + 1) - COLOR_JITTER),
        clamp(c.getBlue() + random.nextInt(2 * COLOR_JITTER + 1) - COLOR_JITTER));
  }

  /** Independent Gaussian noise of deviation {@code sigma} on every channel of every pixel. */
  private static void addNoise(BufferedImage image, double sigma, Random random) {
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      int r = clamp(((p >> 16) & 0xFF) + (int) Math.round(random.nextGaussian() * sigma));
      int gr = clamp(((p >> 8) & 0xFF) + (int) Math.round(random.nextGaussian() * sigma));
      int b = clamp((p & 0xFF) + (int) Math.round(random.nextGaussian() * sigma));
      rgb[i] = (r << 16) | (gr << 8) | b;
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
