package io.convoy.pipeline;

import java.io.Serializable;

/**
 * Turns encoded image bytes (JPEG, PNG, BMP) into an {@link Image} of values in [0, 255].
 * An interface so that a faster native decoder can replace {@link ImageIODecoder}. Serializable
 * because pipelines holding a decoder are shipped to executors; implementations must be
 * thread-safe.
 */
public interface ImageDecoder extends Serializable {
  /**
   * Decodes {@code encoded} into {@code channels} channels: 1 (gray, luma
   * 0.299 R + 0.587 G + 0.114 B) or 3 (R, G, B), whatever the file holds.
   *
   * @throws ImageDecodeException when the bytes are not an image this decoder can read
   */
  Image decode(byte[] encoded, int channels) throws ImageDecodeException;
}
