package io.convoy.pipeline.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats a dataset may hold: their file extensions and leading magic bytes. Public for
 * {@code convoy bench pipeline} (module {@code bench}), which reads a folder's images as the catalog does.
 */
public enum ImageFormat {
  JPEG(List.of("jpg", "jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG(List.of("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
  BMP(List.of("bmp"), new byte[] {'B', 'M'});

  /** Bytes to read from a file to recognize any format. */
  public static final int MAGIC_LENGTH = 8;

  /** The accepted extensions, for messages: {@code .jpg, .jpeg, .png, .bmp}. */
  public static final String EXTENSIONS = String.join(", ", Arrays.stream(values())
      .flatMap(f -> f.extensions.stream()).map(e -> "." + e).toList());

  private final List<String> extensions;
  private final byte[] magic;

  ImageFormat(List<String> extensions, byte[] magic) {
    this.extensions = extensions;
    this.magic = magic;
  }

  /** The format a file name's extension (any case) claims, if it is one of ours. */
  public static Optional<ImageFormat> ofName(String name) {
    String ext = extension(name).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.extensions.contains(ext)).findFirst();
  }

  /** The extension of a file name without its dot, or "" when it has none. */
  public static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /** Whether the first {@code length} bytes of {@code head} start with any format's magic. */
  public static boolean anyMatches(byte[] head, int length) {
    return Arrays.stream(values()).anyMatch(f -> f.matches(head, length));
  }

  public boolean matches(byte[] head, int length) {
    return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }
}
