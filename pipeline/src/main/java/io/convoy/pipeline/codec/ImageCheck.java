package io.convoy.pipeline.codec;

import java.util.Optional;

/**
 * A check of a whole image file's bytes without decoding it: the header the decoders rely on
 * (format, dimensions, end marker, pixel limit). Cheap enough to run over every cached image of
 * a run, so that a file that the catalog's quick look let through but no decoder would read is
 * skipped with a report instead of failing training.
 */
public final class ImageCheck {
  private ImageCheck() {}

  /**
   * Why a file of this name is not taken for an image (its extension is none of
   * {@code .jpg, .jpeg, .png, .bmp} in any case), or empty when it is: the catalog's first look.
   */
  public static Optional<String> nameProblem(String fileName) {
    if (ImageFormat.ofName(fileName).isPresent()) {
      return Optional.empty();
    }
    String ext = ImageFormat.extension(fileName);
    return Optional.of("not an image: " + (ext.isEmpty() ? "no extension" : "extension ." + ext)
        + " (expected " + ImageFormat.EXTENSIONS + ")");
  }

  /** Why the decoders would refuse {@code bytes}, or empty when they would read them. */
  public static Optional<String> problem(byte[] bytes) {
    try {
      ImageHeader header = ImageHeader.read(bytes);
      if (header == null) {
        return Optional.of("not an image: no JPEG, PNG or BMP header");
      }
      ImageHeader.checkPixels(header.width(), header.height(), ImageDecoder.DEFAULT_MAX_PIXELS);
      return Optional.empty();
    } catch (ImageDecodeException e) {
      return Optional.of("cannot decode: " + e.getMessage());
    }
  }
}
