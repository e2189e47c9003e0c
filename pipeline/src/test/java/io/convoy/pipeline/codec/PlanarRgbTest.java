package io.convoy.pipeline.codec;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PlanarRgbTest {
  /** The byte-by-byte de-interleaving PlanarRgb replaces. */
  private static float[] reference(byte[] bgr, int n) {
    float[] out = new float[3 * n];
    for (int i = 0, j = 0; i < n; i++, j += 3) {
      out[i] = bgr[j + 2] & 0xFF;
      out[n + i] = bgr[j + 1] & 0xFF;
      out[2 * n + i] = bgr[j] & 0xFF;
    }
    return out;
  }

  @Test
  void bgrBecomesPlanarRgbExactlyForKeptChangedAndLargeSizes() {
    assertTrue(OpenCv.available(), OpenCv.failure());
    Random random = new Random(1);
    // The same size twice (kept buffers), other sizes (rebuilt), and one over the kept limit.
    for (int[] size : new int[][] {{5, 3}, {5, 3}, {224, 224}, {1, 1}, {224, 224}, {1030, 1024}}) {
      int n = size[0] * size[1];
      byte[] bgr = new byte[3 * n];
      random.nextBytes(bgr);
      try (Mat mat = new Mat(size[1], size[0], CV_8UC3)) {
        mat.data().put(bgr);
        assertArrayEquals(reference(bgr, n), PlanarRgb.convert(mat), size[0] + "x" + size[1]);
      }
    }
  }
}
