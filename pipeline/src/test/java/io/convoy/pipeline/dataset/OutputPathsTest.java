package io.convoy.pipeline.dataset;

import io.convoy.pipeline.codec.ImageEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Output names of augmented copies never leave the output root; tensors encode back to images. */
class OutputPathsTest {
  @Test
  void copiesKeepTheClassAndTheFileStem() {
    assertEquals("cat/001_aug3.png", OutputPaths.augmented("cat/001.jpg", 3, "png"));
    assertEquals("cat/noext_aug0.jpg", OutputPaths.augmented("cat/noext", 0, "jpg"));
  }

  @Test
  void namesThatCouldEscapeAreRefused() {
    for (String bad : List.of("../x.png", "cat/..", "cat/../../etc.png", "cat/a..b.png", "./x.png", "/x.png",
        "cat/a\\b.png", "cat/a\nb.png", "c:/x.png", "noclass.png", "cat/sub/x.png")) {
      assertThrows(IllegalArgumentException.class, () -> OutputPaths.augmented(bad, 0, "png"), bad);
    }
  }

  @Test
  void tensorsEncodeToPngExactlyAndGridsLayTilesOut() throws Exception {
    float[] chw = new float[3 * 2 * 2];
    for (int i = 0; i < chw.length; i++) {
      chw[i] = i / 11f;
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(ImageEncoder.encode(ImageEncoder.toImage(chw, 3, 2), "png")));
    int plane = 4;
    for (int i = 0; i < plane; i++) {
      int rgb = img.getRGB(i % 2, i / 2);
      assertEquals(Math.round(chw[i] * 255), (rgb >> 16) & 0xFF);
      assertEquals(Math.round(chw[plane + i] * 255), (rgb >> 8) & 0xFF);
      assertEquals(Math.round(chw[2 * plane + i] * 255), rgb & 0xFF);
    }
    BufferedImage tile = ImageEncoder.toImage(new float[16], 1, 4);
    BufferedImage grid = ImageEncoder.grid(List.of(tile, tile, tile, tile, tile), 3);
    assertEquals(3 * 6 + 2, grid.getWidth());
    assertEquals(2 * 6 + 2, grid.getHeight());
    assertTrue(ImageEncoder.encode(grid, "jpg").length > 0);
  }
}
