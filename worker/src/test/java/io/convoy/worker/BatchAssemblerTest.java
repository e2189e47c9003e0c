package io.convoy.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.pipeline.ImagePipeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Random augmentation of a sample depends on (seed, epoch, sample), never on its shard. */
class BatchAssemblerTest {
  private final ConvoyConfig config = ConfigLoader.load(null, List.of("data.image-size=12",
      "pipeline.train=[{op = random-resized-crop, size = 12}, {op = mirror, p = 0.5}, "
          + "{op = color-jitter, brightness = 0.4, contrast = 0.4, saturation = 0.4}, normalize]"));
  private final ImagePipeline pipeline = ImagePipeline.of(config.pipeline().train(), config.data());

  @Test
  void augmentationIgnoresShardPositionAndStorageRoot() throws Exception {
    byte[] a = png(1);
    byte[] b = png(2);
    BatchAssembler assembler = new BatchAssembler(pipeline, 42);
    List<EncodedSample> shard0 = List.of(new EncodedSample("file:/data/train/cat/a.png", 0, a),
        new EncodedSample("file:/data/train/dog/b.png", 1, b));
    List<EncodedSample> shard1 = List.of(new EncodedSample("hdfs://nn:8020/copy/train/dog/b.png", 1, b),
        new EncodedSample("hdfs://nn:8020/copy/train/cat/a.png", 0, a));
    float[] first = assembler.assemble(shard0, new int[] {0}, 3).features();
    float[] moved = assembler.assemble(shard1, new int[] {1, 0}, 3).features();
    assertArrayEquals(first, Arrays.copyOfRange(moved, 0, first.length));
    assertFalse(Arrays.equals(first, assembler.assemble(shard0, new int[] {0}, 4).features()),
        "another epoch must draw other augmentations");
    assertFalse(Arrays.equals(first, new BatchAssembler(pipeline, 43).assemble(shard0, new int[] {0}, 3).features()),
        "another seed must draw other augmentations");
  }

  @Test
  void sampleIdIsClassAndFile() {
    assertEquals("cat/a.png", BatchAssembler.sampleId("hdfs://nn:8020/x/train/cat/a.png"));
    assertEquals("cat/a.png", BatchAssembler.sampleId("file:/cat/a.png"));
    assertEquals("a.png", BatchAssembler.sampleId("a.png"));
  }

  /** A 20x16 PNG of random pixels. */
  static byte[] png(long seed) throws Exception {
    BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(seed);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 20; x++) {
        image.setRGB(x, y, r.nextInt(0xFFFFFF));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
