package io.convoy.pipeline.dataset;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.codec.FallbackDecoder;
import io.convoy.pipeline.codec.ImageDecoder;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the catalog lets through and what the training decoder makes of it: truncated files are
 * skipped with a reason at scan time; gray, CMYK, 16-bit and alpha images become the configured
 * channels.
 */
class CatalogIntegrityTest {
  @TempDir Path dir;
  private final ImageDecoder decoder = new FallbackDecoder();

  @Test
  void truncatedFilesAreSkippedWithTheReasonAndWholeOnesKept() throws Exception {
    Path cat = dir.resolve("train").resolve("cat");
    byte[] bigJpeg = TestImages.encode(TestImages.noise(120, 120, 1), "jpeg");
    byte[] png = TestImages.encode(TestImages.noise(40, 40, 2), "png");
    byte[] bmp = TestImages.encode(TestImages.rgb(8, 8, 1, 2, 3), "bmp");
    assertTrue(bigJpeg.length > 2 * CatalogScanner.TAIL_LENGTH, "the cut falls outside the tail window");
    TestImages.write(cat.resolve("whole.jpg"), bigJpeg);
    TestImages.write(cat.resolve("half.jpg"), Arrays.copyOf(bigJpeg, bigJpeg.length / 2));
    TestImages.write(cat.resolve("nearly.jpg"), Arrays.copyOf(bigJpeg, bigJpeg.length - 1));
    byte[] trailing = Arrays.copyOf(bigJpeg, bigJpeg.length + 100); // zeros after the end marker
    TestImages.write(cat.resolve("trailing.jpg"), trailing);
    TestImages.write(cat.resolve("whole.png"), png);
    TestImages.write(cat.resolve("cut.png"), Arrays.copyOf(png, png.length - 20));
    TestImages.write(cat.resolve("whole.bmp"), bmp);
    TestImages.write(cat.resolve("cut.bmp"), Arrays.copyOf(bmp, bmp.length - 10));

    Catalog c = Catalog.scan(dir.resolve("train").toString(), new Configuration());
    assertEquals(List.of("trailing.jpg", "whole.bmp", "whole.jpg", "whole.png"),
        c.samples().stream().map(s -> s.path().substring(s.path().lastIndexOf('/') + 1)).toList());
    Map<String, String> reasons = c.skipped().stream().collect(Collectors.toMap(
        s -> s.path().substring(s.path().lastIndexOf('/') + 1), SkippedFile::reason));
    assertEquals(4, reasons.size(), reasons.toString());
    assertTrue(reasons.get("half.jpg").startsWith("truncated: JPEG"), reasons.toString());
    assertTrue(reasons.get("nearly.jpg").startsWith("truncated: JPEG"), reasons.toString());
    assertTrue(reasons.get("cut.png").startsWith("truncated: PNG"), reasons.toString());
    assertTrue(reasons.get("cut.bmp").startsWith("truncated: BMP"), reasons.toString());
    // What the catalog keeps, the training decoder reads.
    for (Sample s : c.samples()) {
      decoder.decode(java.nio.file.Files.readAllBytes(Path.of(java.net.URI.create(s.path()))), 3);
    }
  }

  @Test
  void sixteenBitRgbBecomesEightBit() throws Exception {
    int[][] rgb = {{0, 0, 0}, {255, 128, 7}, {10, 200, 90}, {255, 255, 255}};
    BufferedImage img = sixteenBit(rgb);
    Image decoded = decoder.decode(TestImages.encode(img, "png"), 3);
    for (int i = 0; i < rgb.length; i++) {
      for (int ch = 0; ch < 3; ch++) {
        assertEquals(rgb[i][ch], decoded.get(ch, i / 2, i % 2), 0.0, "pixel " + i + " channel " + ch);
      }
    }
    Image gray = decoder.decode(TestImages.encode(img, "png"), 1);
    assertEquals(0.299 * 255 + 0.587 * 128 + 0.114 * 7, gray.get(0, 0, 1), 1.0);
  }

  @Test
  void alphaIsDroppedAndGrayAndCmykBecomeTheConfiguredChannels() throws Exception {
    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, (128 << 24) | (200 << 16) | (100 << 8) | 50);
    argb.setRGB(1, 0, (0 << 24) | (10 << 16) | (20 << 8) | 30);
    Image rgb = decoder.decode(TestImages.encode(argb, "png"), 3);
    assertEquals(List.of(200f, 100f, 50f), List.of(rgb.get(0, 0, 0), rgb.get(1, 0, 0), rgb.get(2, 0, 0)));
    assertEquals(List.of(10f, 20f, 30f), List.of(rgb.get(0, 0, 1), rgb.get(1, 0, 1), rgb.get(2, 0, 1)));
    assertEquals(1, decoder.decode(TestImages.encode(argb, "png"), 1).channels());

    Image gray3 = decoder.decode(TestImages.encode(TestImages.gray(2, 1, 40, 220), "png"), 3);
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(40f, gray3.get(ch, 0, 0));
      assertEquals(220f, gray3.get(ch, 0, 1));
    }
    byte[] cmyk = TestImages.cmykJpeg(8, 8, 200, 100, 50, 255); // about RGB (200, 100, 50)
    Image fromCmyk = decoder.decode(cmyk, 3);
    assertEquals(200, fromCmyk.get(0, 4, 4), 4);
    assertEquals(100, fromCmyk.get(1, 4, 4), 4);
    assertEquals(50, fromCmyk.get(2, 4, 4), 4);
    assertEquals(1, decoder.decode(cmyk, 1).channels());
  }

  /** A 2x2 PNG-able RGB image with 16 bits per channel holding v * 257 (v in 0..255). */
  private static BufferedImage sixteenBit(int[][] rgb) {
    ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
        Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(2, 2);
    for (int i = 0; i < rgb.length; i++) {
      raster.setPixel(i % 2, i / 2, new int[] {rgb[i][0] * 257, rgb[i][1] * 257, rgb[i][2] * 257});
    }
    return new BufferedImage(model, raster, false, null);
  }
}
