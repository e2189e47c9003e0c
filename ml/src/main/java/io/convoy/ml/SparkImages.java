package io.convoy.ml;

import io.convoy.pipeline.codec.ImageEncoder;
import java.awt.image.BufferedImage;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Row;

/** Spark's image struct (OpenCV layout: rows of BGR, BGRA or gray bytes) as PNG bytes. */
final class SparkImages {
  private SparkImages() {}

  /** The struct's pixels as a PNG, or no bytes when the struct holds no image. */
  static byte[] toPng(Row image) {
    int height = ImageSchema.getHeight(image);
    int width = ImageSchema.getWidth(image);
    int channels = ImageSchema.getNChannels(image);
    byte[] data = ImageSchema.getData(image);
    if (height <= 0 || width <= 0 || (channels != 1 && channels != 3 && channels != 4)
        || data == null || data.length != (long) height * width * channels) {
      return new byte[0];
    }
    BufferedImage img = new BufferedImage(width, height,
        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int at = (y * width + x) * channels;
        if (channels == 1) {
          img.getRaster().setSample(x, y, 0, data[at] & 0xff);
        } else { // B, G, R (, A: dropped, as convoy's decoders drop it)
          img.setRGB(x, y, (data[at + 2] & 0xff) << 16 | (data[at + 1] & 0xff) << 8 | (data[at] & 0xff));
        }
      }
    }
    return ImageEncoder.encode(img, "png");
  }
}
