package io.convoy.pipeline.ops;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CenterCropTest {
  @Test
  void cutsTheCentralSquareOfEveryChannel() {
    // 4 wide, 3 tall, 2 channels; value = 100 * channel + 10 * row + column.
    float[] chw = new float[24];
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          chw[(c * 3 + y) * 4 + x] = 100 * c + 10 * y + x;
        }
      }
    }
    Image out = new CenterCrop(2).apply(new Image(4, 3, 2, chw));
    // left = (4 - 2) / 2 = 1, top = (3 - 2) / 2 = 0
    assertArrayEquals(new float[] {1, 2, 11, 12, 101, 102, 111, 112}, out.toArray());
  }

  @Test
  void squareOfTheSizeIsLeftAlone() {
    Image in = TestImages.image(2, 2, 1, 1, 2, 3, 4);
    assertSame(in, new CenterCrop(2).apply(in));
  }

  @Test
  void imageSmallerThanTheCropIsAnErrorThatSaysToResize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CenterCrop(3).apply(new Image(4, 2, 1, new float[8])));
    assertTrue(e.getMessage().contains("3x3 does not fit a 4x2 image"), e.getMessage());
    assertTrue(e.getMessage().contains("resize"), e.getMessage());
  }
}
