package io.convoy.pipeline.codec;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageIODecoderTest {
  private final ImageDecoder decoder = new ImageIODecoder();

  @Test
  void grayKeepsItsValuesAndBecomesThreeEqualChannels() throws Exception {
    byte[] png = TestImages.encode(TestImages.gray(3, 1, 0, 100, 255), "png");
    Image one = decoder.decode(png, 1);
    assertEquals(3, one.width());
    assertEquals(1, one.height());
    assertArrayEquals(new float[] {0, 100, 255}, one.toArray());
    assertArrayEquals(new float[] {0, 100, 255, 0, 100, 255, 0, 100, 255}, decoder.decode(png, 3).toArray());
  }

  @Test
  void sixteenBitGrayIsScaledTo255() throws Exception {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 257 * 100});
    assertArrayEquals(new float[] {255, 100}, decoder.decode(TestImages.encode(img, "png"), 1).toArray(), 1e-3f);
  }

  @Test
  void rgbIsPlanarAndGrayIsLuma() throws Exception {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0x0A141E); // (10, 20, 30)
    img.setRGB(1, 0, 0xFF8000); // (255, 128, 0)
    byte[] png = TestImages.encode(img, "png");
    assertArrayEquals(new float[] {10, 255, 20, 128, 30, 0}, decoder.decode(png, 3).toArray());
    assertArrayEquals(new float[] {0.299f * 10 + 0.587f * 20 + 0.114f * 30, 0.299f * 255 + 0.587f * 128},
        decoder.decode(png, 1).toArray(), 1e-3f);
    assertArrayEquals(new float[] {10, 255, 20, 128, 30, 0},
        decoder.decode(TestImages.encode(img, "bmp"), 3).toArray());
  }

  @Test
  void alphaIsDropped() throws Exception {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x80C86432); // alpha 128, (200, 100, 50)
    assertArrayEquals(new float[] {200, 100, 50}, decoder.decode(TestImages.encode(img, "png"), 3).toArray());
  }

  @Test
  void palettePngIsLookedUp() throws Exception {
    byte[] r = {(byte) 255, 0};
    byte[] g = {0, 0};
    byte[] b = {0, (byte) 200};
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
    img.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 0});
    assertArrayEquals(new float[] {0, 255, 0, 0, 200, 0}, decoder.decode(TestImages.encode(img, "png"), 3).toArray());
  }

  @Test
  void jpegDecodesCloseToItsColor() throws Exception {
    Image img = decoder.decode(TestImages.encode(TestImages.rgb(16, 8, 200, 50, 100), "jpeg"), 3);
    assertEquals(16, img.width());
    assertEquals(8, img.height());
    float[] expected = new float[3 * 16 * 8];
    Arrays.fill(expected, 0, 128, 200);
    Arrays.fill(expected, 128, 256, 50);
    Arrays.fill(expected, 256, 384, 100);
    assertArrayEquals(expected, img.toArray(), 4);
  }

  @Test
  void garbageAndTruncatedBytesAreDecodeErrors() {
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> decoder.decode("definitely not an image".getBytes(StandardCharsets.UTF_8), 3));
    assertTrue(e.getMessage().startsWith("not a decodable image (ImageIO found no reader"), e.getMessage());
    assertThrows(ImageDecodeException.class, () -> decoder.decode(new byte[0], 3));
    byte[] png = TestImages.encode(TestImages.rgb(8, 8, 1, 2, 3), "png");
    assertThrows(ImageDecodeException.class, () -> decoder.decode(Arrays.copyOf(png, png.length / 2), 3));
  }

  @Test
  void onlyOneOrThreeChannels() {
    byte[] png = TestImages.encode(TestImages.rgb(1, 1, 1, 2, 3), "png");
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(png, 2));
  }
}
