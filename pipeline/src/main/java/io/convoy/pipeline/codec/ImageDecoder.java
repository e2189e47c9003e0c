package io.convoy.pipeline.codec;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.RegionChooser;

import java.io.Serializable;

/**
 * Turns encoded image bytes (JPEG, PNG, BMP) into an {@link Image} of values in [0, 255].
 * Implementations: {@link OpenCvDecoder} (libjpeg-turbo, fast), {@link ImageIODecoder} (the
 * JDK's) and {@link FallbackDecoder} (OpenCV where its natives load, else ImageIO).
 * Serializable because pipelines holding a decoder are shipped to executors; implementations
 * must be thread-safe.
 */
public interface ImageDecoder extends Serializable {
  /**
   * PIL's default limit on decoded pixels ({@code Image.MAX_IMAGE_PIXELS}, about 89.5
   * megapixels): larger headers are refused before decoding, as likely decompression bombs.
   */
  long DEFAULT_MAX_PIXELS = 89_478_485L;

  /**
   * Decodes {@code encoded} into {@code channels} channels: 1 (gray, luma
   * 0.299 R + 0.587 G + 0.114 B) or 3 (R, G, B), whatever the file holds.
   *
   * @throws ImageDecodeException when the bytes are not an image this decoder can read, are
   *     truncated, or claim more pixels than the decoder's limit
   */
  Image decode(byte[] encoded, int channels) throws ImageDecodeException;

  /**
   * Decodes the region that {@code chooser} picks for the image's dimensions, scaled to the
   * region's output size. This default decodes everything and crops and resamples in Java;
   * a native decoder may decode a large JPEG at 1/2, 1/4 or 1/8 of its size when the region
   * needs no more, so results may differ slightly between decoders (never between calls).
   */
  default Image decode(byte[] encoded, int channels, RegionChooser chooser) throws ImageDecodeException {
    Image full = decode(encoded, channels);
    return chooser.choose(full.width(), full.height()).applyTo(full);
  }
}
