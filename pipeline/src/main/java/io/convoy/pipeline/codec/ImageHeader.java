package io.convoy.pipeline.codec;

/**
 * What the first bytes of a JPEG, PNG or BMP file say, read without decoding: the format,
 * dimensions and whether the image is gray. Also checks that the file is not cut short (a
 * JPEG must end its scan with an end-of-image marker, a PNG must have its IEND chunk, a BMP
 * must be as long as it says), since decoders would otherwise return a half-gray image.
 *
 * @param format the format, never null
 * @param width width in pixels
 * @param height height in pixels
 * @param gray whether the file stores one gray channel (JPEG with one component, gray PNG)
 * @param cmyk whether the file is a four-component (CMYK or YCCK) JPEG
 */
record ImageHeader(ImageFormat format, int width, int height, boolean gray, boolean cmyk) {

  /**
   * The header of {@code bytes}, or null when they are not JPEG, PNG or BMP (another decoder
   * may still read them).
   *
   * @throws ImageDecodeException when the bytes start like one of these formats but the header
   *     is corrupt or the file truncated
   */
  static ImageHeader read(byte[] bytes) throws ImageDecodeException {
    if (ImageFormat.JPEG.matches(bytes, bytes.length)) {
      return jpeg(bytes);
    }
    if (ImageFormat.PNG.matches(bytes, bytes.length)) {
      return png(bytes);
    }
    if (ImageFormat.BMP.matches(bytes, bytes.length) && bytes.length >= 26) {
      return bmp(bytes);
    }
    return null;
  }

  /** Refuses images of more than {@code maxPixels} pixels, before any decoding. */
  static void checkPixels(long width, long height, long maxPixels) throws ImageDecodeException {
    if (width * height > maxPixels) {
      throw new ImageDecodeException("image of " + width + "x" + height + " = " + width * height
          + " pixels is over the limit of " + maxPixels + " pixels (a decompression bomb?); refused before decoding");
    }
  }

  private static ImageHeader jpeg(byte[] b) throws ImageDecodeException {
    int pos = 2;
    int width = 0;
    int height = 0;
    int components = 0;
    while (true) {
      if (pos + 1 >= b.length) {
        throw new ImageDecodeException("truncated JPEG: the header ends after " + b.length + " bytes");
      }
      if ((b[pos] & 0xFF) != 0xFF) {
        throw new ImageDecodeException("corrupt JPEG: no marker at byte " + pos);
      }
      int marker = b[pos + 1] & 0xFF;
      pos += 2;
      if (marker == 0xFF) {
        pos--; // fill byte
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // markers without a length
      }
      if (marker == 0xD9) {
        throw new ImageDecodeException("corrupt JPEG: end of image before any scan");
      }
      if (pos + 1 >= b.length) {
        throw new ImageDecodeException("truncated JPEG: the header ends after " + b.length + " bytes");
      }
      int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
      if (length < 2) {
        throw new ImageDecodeException("corrupt JPEG: segment length " + length + " at byte " + pos);
      }
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (pos + 7 >= b.length) {
          throw new ImageDecodeException("truncated JPEG: the frame header is cut short");
        }
        height = ((b[pos + 3] & 0xFF) << 8) | (b[pos + 4] & 0xFF);
        width = ((b[pos + 5] & 0xFF) << 8) | (b[pos + 6] & 0xFF);
        components = b[pos + 7] & 0xFF;
      }
      if (marker == 0xDA) {
        if (width == 0 || height == 0 || components == 0) {
          throw new ImageDecodeException("corrupt JPEG: no frame header with dimensions before the scan");
        }
        int scanStart = pos + length;
        if (!endsWithEoi(b, scanStart)) {
          throw new ImageDecodeException("truncated JPEG: no end-of-image marker after the scan data ("
              + b.length + " bytes)");
        }
        return new ImageHeader(ImageFormat.JPEG, width, height, components == 1, components == 4);
      }
      pos += length;
    }
  }

  /** Whether an FF D9 marker follows {@code from} (inside scan data FF is always stuffed). */
  private static boolean endsWithEoi(byte[] b, int from) {
    for (int i = b.length - 2; i >= from; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  private static ImageHeader png(byte[] b) throws ImageDecodeException {
    if (b.length < 33 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
      throw new ImageDecodeException("corrupt or truncated PNG: no IHDR chunk (" + b.length + " bytes)");
    }
    long width = int32(b, 16);
    long height = int32(b, 20);
    int colorType = b[25] & 0xFF;
    if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new ImageDecodeException("corrupt PNG: dimensions " + width + "x" + height);
    }
    if (!containsIend(b)) {
      throw new ImageDecodeException("truncated PNG: no IEND chunk (" + b.length + " bytes)");
    }
    return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, colorType == 0 || colorType == 4, false);
  }

  private static boolean containsIend(byte[] b) {
    for (int i = b.length - 4; i >= 33; i--) {
      if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
        return true;
      }
    }
    return false;
  }

  private static ImageHeader bmp(byte[] b) throws ImageDecodeException {
    long declared = int32le(b, 2) & 0xFFFFFFFFL;
    long width = int32le(b, 18);
    long height = Math.abs((long) int32le(b, 22));
    if (width < 1 || height < 1) {
      throw new ImageDecodeException("corrupt BMP: dimensions " + width + "x" + height);
    }
    if (declared > b.length) {
      throw new ImageDecodeException("truncated BMP: " + b.length + " bytes of the " + declared + " it declares");
    }
    return new ImageHeader(ImageFormat.BMP, (int) width, (int) height, false, false);
  }

  private static long int32(byte[] b, int at) {
    return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static int int32le(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
  }
}
