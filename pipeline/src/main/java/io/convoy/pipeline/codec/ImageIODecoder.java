package io.convoy.pipeline.codec;

import io.convoy.pipeline.image.Image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes with the JDK's ImageIO (JPEG, PNG, BMP, GIF): any gray, RGB, palette or 16-bit image
 * becomes 1 or 3 channels of [0, 255] values. Alpha is dropped, as PIL's {@code convert("RGB")}
 * and OpenCV's {@code IMREAD_COLOR} do, so that a native decoder can give the same tensors.
 * Truncated JPEG, PNG and BMP files and images of more than the pixel limit are refused before
 * decoding (see {@link ImageHeader}). CMYK JPEGs are not supported (OpenCV reads them).
 * Stateless and thread-safe.
 */
public final class ImageIODecoder implements ImageDecoder {
  private static final long serialVersionUID = 1L;

  private final long maxPixels;

  public ImageIODecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  /** A decoder that refuses images of more than {@code maxPixels} pixels. */
  public ImageIODecoder(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels " + maxPixels + ": expected a positive number");
    }
    this.maxPixels = maxPixels;
  }

  @Override
  public Image decode(byte[] encoded, int channels) throws ImageDecodeException {
    checkChannels(channels);
    ImageHeader header = ImageHeader.read(encoded);
    if (header != null) {
      ImageHeader.checkPixels(header.width(), header.height(), maxPixels);
      if (header.cmyk()) {
        // ImageIO reads these without error but with wrong colors.
        throw new ImageDecodeException("CMYK JPEG: ImageIO cannot convert its colors (OpenCV can; see FallbackDecoder)");
      }
    }
    return convert(read(encoded, maxPixels), channels);
  }

  static void checkChannels(int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels " + channels + ": expected 1 (gray) or 3 (RGB)");
    }
  }

  private static BufferedImage read(byte[] encoded, long maxPixels) throws ImageDecodeException {
    // A memory-cached stream: ImageIO.read(InputStream) would spill to temporary files.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageDecodeException("not a decodable image (ImageIO found no reader for these "
            + encoded.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        ImageHeader.checkPixels(reader.getWidth(0), reader.getHeight(0), maxPixels);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new ImageDecodeException("corrupt or unsupported image: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // ImageIO's readers fail on some malformed files with unchecked exceptions
      // (e.g. IndexOutOfBounds); to the caller that is one more undecodable file.
      throw new ImageDecodeException("corrupt image: " + e, e);
    }
  }

  private static Image convert(BufferedImage image, int channels) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] rgbOrGray = isComponent(image.getColorModel(), ColorSpace.TYPE_GRAY)
        ? samples(image.getRaster(), image.getColorModel(), 1)
        : isComponent(image.getColorModel(), ColorSpace.TYPE_RGB)
            && image.getColorModel().getColorSpace().isCS_sRGB()
            ? samples(image.getRaster(), image.getColorModel(), 3)
            : argbPlanes(image);
    int found = rgbOrGray.length / (w * h);
    if (found == channels) {
      return new Image(w, h, channels, rgbOrGray);
    }
    return new Image(w, h, channels, found == 1 ? grayToRgb(rgbOrGray) : rgbToGray(rgbOrGray));
  }

  /**
   * Whether the color components (without alpha) can be read off the raster directly: 8- or
   * 16-bit integer samples of the given color space type. Gray must be read this way, since
   * {@code getRGB} would gamma-convert Java's linear gray space.
   */
  private static boolean isComponent(ColorModel cm, int colorSpaceType) {
    int type = cm.getTransferType();
    return cm instanceof ComponentColorModel
        && cm.getColorSpace().getType() == colorSpaceType
        && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT);
  }

  /** The first {@code bands} bands as planes, scaled from their bit depth to [0, 255]. */
  private static float[] samples(Raster raster, ColorModel cm, int bands) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    float[] out = new float[bands * w * h];
    float[] plane = new float[w * h];
    for (int b = 0; b < bands; b++) {
      raster.getSamples(0, 0, w, h, b, plane);
      float scale = 255f / ((1 << cm.getComponentSize(b)) - 1);
      for (int i = 0; i < plane.length; i++) {
        out[b * plane.length + i] = plane[i] * scale;
      }
    }
    return out;
  }

  /** Palette, packed and other color models, converted by Java2D to 8-bit sRGB. */
  private static float[] argbPlanes(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int n = w * h;
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      out[i] = (argb[i] >> 16) & 0xFF;
      out[n + i] = (argb[i] >> 8) & 0xFF;
      out[2 * n + i] = argb[i] & 0xFF;
    }
    return out;
  }

  private static float[] grayToRgb(float[] gray) {
    float[] out = new float[3 * gray.length];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(gray, 0, out, c * gray.length, gray.length);
    }
    return out;
  }

  /** ITU-R BT.601 luma, the weights of PIL's and OpenCV's RGB-to-gray conversion. */
  private static float[] rgbToGray(float[] rgb) {
    int n = rgb.length / 3;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = 0.299f * rgb[i] + 0.587f * rgb[n + i] + 0.114f * rgb[2 * n + i];
    }
    return out;
  }
}
