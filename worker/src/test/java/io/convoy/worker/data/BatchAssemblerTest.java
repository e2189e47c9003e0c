package io.convoy.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
public class BatchAssemblerTest {
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

  /**
   * A pipeline without random draws keeps its shard's decoded tensors: later epochs get exactly
   * the floats decoding gives, up to the byte budget; an index that now holds another file, or
   * the same file with other bytes, is decoded again.
   */
  @Test
  void decodedTensorsOfADeterministicPipelineAreKeptAndServedIdentically() throws Exception {
    ConvoyConfig fixed = ConfigLoader.load(null, List.of("data.image-size=12"));
    ImagePipeline deterministic = ImagePipeline.of(fixed.pipeline().train(), fixed.data());
    List<EncodedSample> shard = List.of(new EncodedSample("file:/d/cat/a.png", 0, png(1)),
        new EncodedSample("file:/d/cat/b.png", 0, png(2)), new EncodedSample("file:/d/dog/c.png", 1, png(3)));
    int[] all = {2, 0, 1};
    BatchAssembler.Batch plain = new BatchAssembler(deterministic, 42).assemble(shard, all, 0);

    BatchAssembler cached = new BatchAssembler(deterministic, 42, 1 << 20);
    assertArrayEquals(plain.features(), cached.assemble(shard, all, 0).features());
    assertEquals(3, cached.decoded().size());
    // Epoch 2 from the kept tensors (a copy of the bytes, as a re-read would give): the same floats.
    List<EncodedSample> reread = shard.stream()
        .map(s -> new EncodedSample(s.path(), s.label(), s.bytes().clone())).toList();
    BatchAssembler.Batch second = cached.assemble(reread, all, 1);
    assertArrayEquals(plain.features(), second.features());
    assertArrayEquals(plain.labels(), second.labels());
    // The same path with other bytes (the file changed): decoded, here into a skip.
    List<EncodedSample> changed = List.of(new EncodedSample("file:/d/cat/a.png", 0, new byte[] {1, 2, 3}));
    assertEquals(0, cached.assemble(changed, new int[] {0}, 1).size());
    // Another file at a kept index is decoded, not served the old tensor.
    List<EncodedSample> other = List.of(shard.get(1), shard.get(0), shard.get(2));
    assertArrayEquals(new BatchAssembler(deterministic, 42).assemble(other, new int[] {0}, 2).features(),
        cached.assemble(other, new int[] {0}, 2).features());

    int tensorBytes = 4 * deterministic.tensorLength() + 64;
    BatchAssembler small = new BatchAssembler(deterministic, 42, 2L * tensorBytes);
    small.assemble(shard, all, 0);
    assertEquals(2, small.decoded().size(), "the budget holds two tensors");
    assertTrue(small.decoded().bytes() <= 2L * tensorBytes);
    assertArrayEquals(plain.features(), small.assemble(shard, all, 1).features());

    assertNull(new BatchAssembler(pipeline, 42, 1 << 20).decoded(), "a random pipeline keeps nothing");
  }

  @Test
  void sampleIdIsClassAndFile() {
    assertEquals("cat/a.png", BatchAssembler.sampleId("hdfs://nn:8020/x/train/cat/a.png"));
    assertEquals("cat/a.png", BatchAssembler.sampleId("file:/cat/a.png"));
    assertEquals("a.png", BatchAssembler.sampleId("a.png"));
  }

  /** A 20x16 PNG of random pixels. */
  public static byte[] png(long seed) throws Exception {
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
