package io.convoy.pipeline.ops;

import io.convoy.pipeline.TestImages;
import io.convoy.pipeline.image.Image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  private static final float EPS = 1e-5f;

  @Test
  void oneMeanAndStdForAllChannels() {
    Image in = TestImages.image(2, 1, 3, 0, 255, 127.5f, 51, 255, 0);
    Image out = new Normalize(List.of(0.5), List.of(0.5), 3).apply(in);
    assertArrayEquals(new float[] {-1, 1, 0, -0.6f, 1, -1}, out.toArray(), EPS);
  }

  @Test
  void meanAndStdPerChannel() {
    Image in = TestImages.image(1, 1, 3, 255, 127.5f, 0);
    Image out = new Normalize(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), 3).apply(in);
    assertArrayEquals(new float[] {
        (float) ((1 - 0.485) / 0.229), (float) ((0.5 - 0.456) / 0.224), (float) ((0 - 0.406) / 0.225)},
        out.toArray(), EPS);
  }

  @Test
  void badListsAndChannelMismatchesAreErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normalize(List.of(0.1, 0.2), List.of(0.5), 3));
    assertTrue(e.getMessage().contains("mean [0.1, 0.2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Normalize(List.of(0.5), List.of(0.0), 1));
    assertThrows(IllegalArgumentException.class,
        () -> new Normalize(List.of(0.5), List.of(0.5), 3).apply(TestImages.image(1, 1, 1, 3)));
  }
}
