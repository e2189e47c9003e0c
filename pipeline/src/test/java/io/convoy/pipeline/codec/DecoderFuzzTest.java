package io.convoy.pipeline.codec;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes for every decoder: seeded mutations of real PNG, JPEG and BMP files (flipped
 * bytes, cuts, wrong magic), headers claiming absurd dimensions, and real decompression bombs
 * (valid PNGs whose few hundred kilobytes inflate to gigabytes). Each case must end in an image
 * or an {@link ImageDecodeException}: no other exception, no JVM crash, no hang.
 */
class DecoderFuzzTest {
  private static final List<ImageDecoder> DECODERS = List.of(new OpenCvDecoder(), new ImageIODecoder(),
      new FallbackDecoder());

  @Test
  void mutatedImagesDecodeOrAreRefusedCleanly() {
    List<byte[]> seeds = List.of(TestImages.encode(TestImages.noise(23, 17, 1), "png"),
        TestImages.encode(TestImages.smooth(40, 30, 2), "jpg"), TestImages.encode(TestImages.noise(9, 7, 3), "bmp"),
        TestImages.encode(TestImages.gray(3, 2, 0, 9, 100, 200, 254, 255), "png"));
    SplittableRandom random = new SplittableRandom(11);
    int refused = 0;
    int cases = 0;
    for (byte[] seed : seeds) {
      for (int i = 0; i < 60; i++) {
        byte[] bytes = mutate(seed, random, i % 4);
        for (ImageDecoder decoder : DECODERS) {
          cases++;
          refused += decodeOrRefuse(decoder, bytes, 1 + 2 * (i % 2)) ? 0 : 1;
        }
      }
    }
    assertTrue(refused > cases / 4, "too few mutations were refused (" + refused + " of " + cases
        + "): the mutations are not hostile");
  }

  @Test
  void junkAndWrongMagicAreRefused() {
    byte[] png = TestImages.encode(TestImages.noise(8, 8, 4), "png");
    byte[] wrongMagic = png.clone();
    wrongMagic[1] = 'Q';
    byte[] jpegMagicOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    byte[] noise = new byte[4096];
    new SplittableRandom(5).nextBytes(noise);
    byte[] text = "<html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8);
    byte[] pngMagicThenJunk = Arrays.copyOf(png, 4096); // signature and IHDR, then noise without IEND
    new SplittableRandom(6).nextBytes(pngMagicThenJunk);
    System.arraycopy(png, 0, pngMagicThenJunk, 0, 33);
    for (byte[] bytes : List.of(new byte[0], new byte[] {0}, wrongMagic, jpegMagicOnly, noise, new byte[4096], text, pngMagicThenJunk)) {
      for (ImageDecoder decoder : DECODERS) {
        assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes, 3),
            decoder + " accepted " + bytes.length + " bytes starting " + Arrays.toString(Arrays.copyOf(bytes, 4)));
      }
    }
  }

  /** Headers claiming billions of pixels are refused from the header, before any allocation. */
  @Test
  void absurdDimensionsAreRefusedBeforeDecoding() throws Exception {
    byte[] png = png(2_000_000_000, 2_000_000_000, new byte[] {0});
    byte[] jpeg = TestImages.encode(TestImages.smooth(16, 16, 1), "jpg");
    setJpegSize(jpeg, 65_535, 65_535);
    byte[] bmp = TestImages.encode(TestImages.noise(4, 4, 1), "bmp");
    int32le(bmp, 18, 1_000_000);
    int32le(bmp, 22, 1_000_000);
    for (byte[] bytes : List.of(png, jpeg, bmp)) {
      for (ImageDecoder decoder : DECODERS) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes, 3));
        assertTrue(e.getMessage().contains("over the limit"), decoder + ": " + e.getMessage());
      }
    }
  }

  /**
   * A real bomb: a valid 10000 x 10000 gray PNG of zeros, 100 MB of pixels (300 MB as RGB, 1.2 GB
   * as floats) in about 100 KB. Refused by the pixel limit, through the pipeline too.
   */
  @Test
  void decompressionBombsAreRefused() throws Exception {
    int side = 10_000;
    byte[] bomb = png(side, side, zeros(side, side));
    assertTrue(bomb.length < 1 << 20, "the bomb is " + bomb.length + " bytes");
    for (ImageDecoder decoder : DECODERS) {
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb, 3));
      assertTrue(e.getMessage().contains("over the limit"), decoder + ": " + e.getMessage());
    }
    // A lower limit catches smaller bombs the same way.
    byte[] small = png(2_000, 2_000, zeros(2_000, 2_000));
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> new FallbackDecoder(1_000_000).decode(small, 1));
    assertTrue(e.getMessage().contains("4000000 pixels is over the limit of 1000000"), e.getMessage());
    assertEquals(2_000, new FallbackDecoder().decode(small, 1).width());
  }

  /** Whether {@code decoder} decoded {@code bytes}; fails on anything but an ImageDecodeException. */
  private static boolean decodeOrRefuse(ImageDecoder decoder, byte[] bytes, int channels) {
    try {
      Image image = decoder.decode(bytes, channels);
      assertTrue(image.width() > 0 && image.height() > 0, decoder + " returned an empty image");
      return true;
    } catch (ImageDecodeException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), "an unexplained refusal");
      return false;
    } catch (RuntimeException | Error e) {
      fail(decoder + " threw " + e + " on " + bytes.length + " mutated bytes", e);
      return false;
    }
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random, int kind) {
    byte[] b = seed.clone();
    switch (kind) {
      case 0 -> { // flip a few bytes anywhere, the header included
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // cut short
      case 2 -> { // a run of junk in the middle
        int from = random.nextInt(b.length);
        for (int i = from; i < Math.min(b.length, from + 1 + random.nextInt(64)); i++) {
          b[i] = (byte) random.nextInt(256);
        }
      }
      default -> { // the header's first 40 bytes scrambled, the rest intact
        for (int i = 2; i < Math.min(40, b.length); i++) {
          if (random.nextInt(4) == 0) {
            b[i] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return b;
  }

  /** Zlib data of {@code height} filter-0 rows of {@code width} zero bytes, deflated as it goes. */
  private static byte[] zeros(int width, int height) {
    Deflater deflater = new Deflater(9);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] row = new byte[width + 1];
    byte[] buffer = new byte[1 << 16];
    for (int y = 0; y < height; y++) {
      deflater.setInput(row);
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** A gray 8-bit PNG with the given IHDR dimensions and IDAT data. */
  private static byte[] png(long width, long height, byte[] idat) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt((int) width);
    h.writeInt((int) height);
    h.write(new byte[] {8, 0, 0, 0, 0}); // 8 bits, gray, deflate, no filter method, no interlace
    chunk(out, "IHDR", ihdr.toByteArray());
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return bytes.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    out.writeInt(data.length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  /** Rewrites the height and width of a JPEG's first frame header (SOF0..SOF15). */
  private static void setJpegSize(byte[] b, int width, int height) {
    int pos = 2;
    while (pos + 4 < b.length) {
      int marker = b[pos + 1] & 0xFF;
      int length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        b[pos + 5] = (byte) (height >> 8);
        b[pos + 6] = (byte) height;
        b[pos + 7] = (byte) (width >> 8);
        b[pos + 8] = (byte) width;
        return;
      }
      pos += 2 + length;
    }
    throw new IllegalArgumentException("no frame header");
  }

  private static void int32le(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
    b[at + 3] = (byte) (v >> 24);
  }
}
