package io.convoy.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.dataset.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample whose file was deleted or corrupted after cataloguing is left out of its minibatch
 * and reported, instead of failing the shard or the round; the rest of the minibatch is exactly
 * what it would have been.
 */
class BadSampleTest {
  @TempDir Path dir;

  private final ConvoyConfig config = ConfigLoader.load(null, List.of("data.image-size=12"));
  private final ImagePipeline pipeline = ImagePipeline.of(config.pipeline().train(), config.data());

  @Test
  void aDeletedFileIsReadAsAnUnreadableSampleNotAFailedShard() throws Exception {
    Path good = dir.resolve("cat/a.png");
    Files.createDirectories(good.getParent());
    Files.write(good, BatchAssemblerTest.png(1));
    Path gone = dir.resolve("cat/gone.png");
    List<Sample> shard = List.of(new Sample(good.toUri().toString(), 0), new Sample(gone.toUri().toString(), 0));
    List<EncodedSample> read = new ArrayList<>();
    new ShardReader(new HadoopConf(new Configuration())).call(List.of(shard).iterator()).forEachRemaining(read::add);
    assertEquals(2, read.size());
    assertNull(read.get(0).unreadable());
    assertTrue(read.get(1).unreadable().startsWith("cannot read: "), read.get(1).unreadable());

    BatchAssembler.Batch batch = new BatchAssembler(pipeline, 42).assemble(read, new int[] {1, 0}, 0);
    assertEquals(1, batch.size());
    assertEquals(List.of(gone.toUri() + "\tcannot read: " + read.get(1).unreadable().substring(13)),
        batch.skipped());
  }

  @Test
  void anUndecodableSampleIsLeftOutAndTheOthersAreUnchanged() throws Exception {
    byte[] a = BatchAssemblerTest.png(1);
    byte[] b = BatchAssemblerTest.png(2);
    byte[] truncated = Arrays.copyOf(BatchAssemblerTest.png(3), 40);
    byte[] wrongMagic = BatchAssemblerTest.png(4);
    wrongMagic[1] = 'X';
    List<EncodedSample> samples = List.of(new EncodedSample("file:/d/cat/a.png", 0, a),
        new EncodedSample("file:/d/cat/t.png", 0, truncated), new EncodedSample("file:/d/dog/b.png", 1, b),
        new EncodedSample("file:/d/dog/w.png", 1, wrongMagic));
    BatchAssembler assembler = new BatchAssembler(pipeline, 42);
    BatchAssembler.Batch batch = assembler.assemble(samples, new int[] {0, 1, 2, 3}, 0);
    assertEquals(2, batch.size());
    assertArrayEquals(new int[] {0, 1}, batch.labels());
    assertEquals(2, batch.skipped().size());
    assertTrue(batch.skipped().get(0).startsWith("file:/d/cat/t.png\tcannot decode: "), batch.skipped().toString());
    assertTrue(batch.skipped().get(1).startsWith("file:/d/dog/w.png\tcannot decode: "), batch.skipped().toString());
    BatchAssembler.Batch clean = assembler.assemble(samples, new int[] {0, 2}, 0);
    assertArrayEquals(clean.features(), batch.features());
    assertEquals(0, assembler.assemble(samples, new int[] {1, 3}, 0).size());
  }
}
