package io.convoy.pipeline.codec;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.RegionChooser;

/**
 * The default decoder: {@link OpenCvDecoder} where OpenCV's natives load in this JVM (checked
 * once per JVM, so an executor without them still works), else {@link ImageIODecoder}, with
 * one warning in the log. Both refuse images over the same pixel limit.
 */
public final class FallbackDecoder implements ImageDecoder {
  private static final long serialVersionUID = 1L;

  private final OpenCvDecoder openCv;
  private final ImageIODecoder imageIO;

  public FallbackDecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  /** A decoder that refuses images of more than {@code maxPixels} pixels. */
  public FallbackDecoder(long maxPixels) {
    this.openCv = new OpenCvDecoder(maxPixels);
    this.imageIO = new ImageIODecoder(maxPixels);
  }

  /** The decoder used in this JVM. */
  public ImageDecoder active() {
    return OpenCv.available() ? openCv : imageIO;
  }

  @Override
  public Image decode(byte[] encoded, int channels) throws ImageDecodeException {
    return active().decode(encoded, channels);
  }

  @Override
  public Image decode(byte[] encoded, int channels, RegionChooser chooser) throws ImageDecodeException {
    return active().decode(encoded, channels, chooser);
  }

  @Override
  public String toString() {
    return "FallbackDecoder(" + active().getClass().getSimpleName() + ")";
  }
}
