package io.convoy.pipeline.codec;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.Region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenCvDecoderTest {
  private final ImageDecoder openCv = new OpenCvDecoder();
  private final ImageDecoder imageIO = new ImageIODecoder();

  @Test
  void openCvLoadsHereAndIsTheDefault() {
    assertTrue(OpenCvDecoder.isAvailable(), "OpenCV natives should load on linux-x86_64: " + OpenCv.failure());
    assertInstanceOf(OpenCvDecoder.class, new FallbackDecoder().active());
  }

  @Test
  void pngDecodesExactlyAsImageIODoes() throws Exception {
    BufferedImage alpha = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
    Random random = new Random(3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        alpha.setRGB(x, y, random.nextInt());
      }
    }
    BufferedImage sixteen = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
    sixteen.getRaster().setPixels(0, 0, 3, 2, new int[] {0, 65535, 257 * 100, 12345, 40000, 7});
    BufferedImage palette = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY,
        new IndexColorModel(1, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 7}, new byte[] {0, (byte) 200}));
    palette.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 0});
    for (BufferedImage img : new BufferedImage[] {TestImages.noise(13, 7, 1), TestImages.gray(3, 2, 0, 9, 100, 200, 254, 255),
        alpha, sixteen, palette}) {
      for (String format : new String[] {"png", "bmp"}) {
        if (format.equals("bmp") && img.getType() != BufferedImage.TYPE_INT_RGB) {
          continue;
        }
        byte[] bytes = TestImages.encode(img, format);
        for (int channels : new int[] {1, 3}) {
          assertArrayEquals(imageIO.decode(bytes, channels).toArray(), openCv.decode(bytes, channels).toArray(), 1e-4f,
              img + " as " + format + ", " + channels + " channels");
        }
      }
    }
  }

  @Test
  void jpegAgreesWithImageIOWithinAFewLevels() throws Exception {
    byte[] jpeg = TestImages.encode(TestImages.smooth(96, 64, 5), "jpeg");
    for (int channels : new int[] {1, 3}) {
      float[] a = imageIO.decode(jpeg, channels).toArray();
      float[] b = openCv.decode(jpeg, channels).toArray();
      assertEquals(a.length, b.length);
      double sum = 0;
      float max = 0;
      for (int i = 0; i < a.length; i++) {
        sum += Math.abs(a[i] - b[i]);
        max = Math.max(max, Math.abs(a[i] - b[i]));
      }
      assertTrue(sum / a.length < 1.5 && max <= 10, "mean " + sum / a.length + ", max " + max);
    }
  }

  @Test
  void grayJpegBecomesThreeEqualChannels() throws Exception {
    int[] values = new int[16 * 8];
    Arrays.fill(values, 90);
    byte[] jpeg = TestImages.encode(TestImages.gray(16, 8, values), "jpeg");
    assertTrue(ImageHeader.read(jpeg).gray());
    Image rgb = openCv.decode(jpeg, 3);
    for (int i = 0; i < 128; i++) {
      assertEquals(90, rgb.pixels()[i], 2);
      assertEquals(rgb.pixels()[i], rgb.pixels()[128 + i]);
      assertEquals(rgb.pixels()[i], rgb.pixels()[256 + i]);
    }
    assertArrayEquals(Arrays.copyOf(rgb.toArray(), 128), openCv.decode(jpeg, 1).toArray());
  }

  @Test
  void cmykJpegIsDecodedByOpenCvAndRefusedCleanlyByImageIO() throws Exception {
    byte[] jpeg = TestImages.cmykJpeg(16, 16, 200, 100, 50, 255);
    Image rgb = openCv.decode(jpeg, 3);
    assertEquals(16, rgb.width());
    float[] expected = new float[3 * 256];
    Arrays.fill(expected, 0, 256, 200);
    Arrays.fill(expected, 256, 512, 100);
    Arrays.fill(expected, 512, 768, 50);
    assertArrayEquals(expected, rgb.toArray(), 4);
    Image gray = openCv.decode(jpeg, 1);
    assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 50, gray.get(0, 5, 5), 4);
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> imageIO.decode(jpeg, 3));
    assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
  }

  @Test
  void corruptTruncatedEmptyAndNonImageBytesAreDecodeErrors() {
    byte[] jpeg = TestImages.encode(TestImages.smooth(64, 48, 1), "jpeg");
    byte[] png = TestImages.encode(TestImages.noise(20, 20, 2), "png");
    byte[] bmp = TestImages.encode(TestImages.noise(20, 20, 2), "bmp");
    byte[] badHuffman = jpeg.clone();
    int dht = indexOf(badHuffman, (byte) 0xFF, (byte) 0xC4);
    Arrays.fill(badHuffman, dht + 5, dht + 21, (byte) 0xFF); // code counts far over 256
    byte[] badFrame = jpeg.clone();
    int sof = indexOf(badFrame, (byte) 0xFF, (byte) 0xC0);
    badFrame[sof + 9] = 9; // 9 components
    byte[][] bad = {
        new byte[0],
        "definitely not an image".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
        Arrays.copyOf(jpeg, jpeg.length / 2),
        Arrays.copyOf(jpeg, 30),
        Arrays.copyOf(png, png.length / 2),
        Arrays.copyOf(png, 20),
        Arrays.copyOf(bmp, bmp.length - 10),
        badHuffman,
        badFrame,
    };
    for (ImageDecoder decoder : new ImageDecoder[] {openCv, imageIO, new FallbackDecoder()}) {
      for (int i = 0; i < bad.length; i++) {
        byte[] bytes = bad[i];
        assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes, 3), decoder + ", case " + i);
      }
    }
  }

  @Test
  void headersOverThePixelLimitAreRefusedBeforeDecoding() throws Exception {
    byte[] jpeg = TestImages.encode(TestImages.smooth(64, 48, 1), "jpeg");
    int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
    byte[] bomb = jpeg.clone();
    bomb[sof + 5] = (byte) 0xEA; // height 60000
    bomb[sof + 6] = 0x60;
    bomb[sof + 7] = (byte) 0xEA; // width 60000
    bomb[sof + 8] = 0x60;
    for (ImageDecoder decoder : new ImageDecoder[] {openCv, imageIO}) {
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb, 3));
      assertTrue(e.getMessage().contains("60000x60000") && e.getMessage().contains("limit"), e.getMessage());
    }
    ImageDecoder small = new OpenCvDecoder(64 * 47);
    assertThrows(ImageDecodeException.class, () -> small.decode(jpeg, 3));
    assertEquals(64, new OpenCvDecoder(64 * 48).decode(jpeg, 3).width());
  }

  @Test
  void otherFormatsGoToImageIO() throws Exception {
    byte[] gif = TestImages.encode(TestImages.rgb(3, 2, 255, 0, 0), "gif");
    assertEquals(255, openCv.decode(gif, 3).get(0, 1, 2), 0);
  }

  @Test
  void largeJpegsAreDecodedAtReducedSizeForTheRegionNeeded() throws Exception {
    assertEquals(8, OpenCvDecoder.reduction(ImageFormat.JPEG, new Region(0, 0, 1600, 1200, 133, 100)));
    assertEquals(4, OpenCvDecoder.reduction(ImageFormat.JPEG, new Region(0, 0, 1600, 1200, 201, 100)));
    assertEquals(2, OpenCvDecoder.reduction(ImageFormat.JPEG, new Region(0, 0, 448, 500, 224, 224)));
    assertEquals(1, OpenCvDecoder.reduction(ImageFormat.JPEG, new Region(0, 0, 447, 500, 224, 224)));
    assertEquals(1, OpenCvDecoder.reduction(ImageFormat.PNG, new Region(0, 0, 1600, 1200, 133, 100)));

    byte[] jpeg = TestImages.encode(TestImages.smooth(1600, 1200, 7), "jpeg");
    Region region = new Region(100, 50, 1200, 1000, 150, 125);
    Image reduced = openCv.decode(jpeg, 3, (w, h) -> region);
    Image full = region.applyTo(imageIO.decode(jpeg, 3));
    assertEquals(150, reduced.width());
    assertEquals(125, reduced.height());
    double sum = 0;
    for (int i = 0; i < full.pixels().length; i++) {
      sum += Math.abs(full.pixels()[i] - reduced.pixels()[i]);
    }
    assertTrue(sum / full.pixels().length < 2, "mean difference " + sum / full.pixels().length);
  }

  private static int indexOf(byte[] bytes, byte a, byte b) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == a && bytes[i + 1] == b) {
        return i;
      }
    }
    throw new AssertionError("marker not found");
  }
}
