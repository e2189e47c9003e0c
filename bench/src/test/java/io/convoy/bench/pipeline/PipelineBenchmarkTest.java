package io.convoy.bench.pipeline;

import io.convoy.conf.settings.PipelinePresets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.pipeline.ImagePipeline;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline benchmark on a folder of real JPEGs (moved here from pipeline's AugmentationPipelineTest). */
class PipelineBenchmarkTest {
  private static final DataConfig DATA = new DataConfig("data/train", null, 0.1, 48, 3);
  /** ImageNet's training preset: random-resized-crop, mirror, color jitter, lighting, normalize. */
  private static final List<OpSpec> IMAGENET_TRAIN = PipelinePresets.of("imagenet-train", 48, 3);

  @TempDir Path dir;

  @Test
  void benchmarkReportsRatesForAFolderOfImages() throws Exception {
    for (int i = 0; i < 4; i++) {
      Path file = dir.resolve("c" + i % 2).resolve(i + ".jpg");
      Files.createDirectories(file.getParent());
      assertTrue(ImageIO.write(gradient(120 + 7 * i, 90 + 5 * i, i), "jpeg", file.toFile()));
    }
    Files.write(dir.resolve("notes.txt"), new byte[] {1, 2});
    PipelineBenchmark.Images loaded = PipelineBenchmark.load(dir, 100);
    assertEquals(List.of("c0/0.jpg", "c0/2.jpg", "c1/1.jpg", "c1/3.jpg"), loaded.ids());
    PipelineBenchmark.Result r = PipelineBenchmark.run(ImagePipeline.of(IMAGENET_TRAIN, DATA), loaded, 2,
        Duration.ofMillis(50), 3);
    assertEquals(3, r.runRates().size());
    assertTrue(r.imagesPerSecond() > 0);
    assertEquals(r.imagesPerSecond() / 2, r.imagesPerSecondPerThread(), 1e-9);
    assertEquals(0, r.failures());
  }

  /** A w x h RGB image of smooth gradients, different for every {@code seed}. */
  private static BufferedImage gradient(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (255 * x / w) << 16 | (255 * y / h) << 8 | (40 * seed + x + y) % 256);
      }
    }
    return img;
  }
}
