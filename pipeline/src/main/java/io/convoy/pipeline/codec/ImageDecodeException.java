package io.convoy.pipeline.codec;

/** Bytes that are not an image the decoder can read (corrupt, truncated, unknown format). */
public final class ImageDecodeException extends Exception {
  public ImageDecodeException(String message) {
    super(message);
  }

  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
