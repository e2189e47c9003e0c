package io.convoy.pipeline.pack;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;

/** Writes one shard of a pack: a SequenceFile of (key, original image bytes) records. */
public final class PackWriter implements Closeable {
  private final SequenceFile.Writer writer;
  private final Text key = new Text();
  private final BytesWritable value = new BytesWritable();

  public PackWriter(Path file, Configuration hadoop) throws IOException {
    writer = SequenceFile.createWriter(hadoop, SequenceFile.Writer.file(file),
        SequenceFile.Writer.keyClass(Text.class), SequenceFile.Writer.valueClass(BytesWritable.class),
        // JPEG and PNG are compressed already; another codec would cost CPU and gain nothing.
        SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE));
  }

  public void append(PackKey k, byte[] bytes) throws IOException {
    key.set(k.encode().getBytes(StandardCharsets.UTF_8));
    value.set(bytes, 0, bytes.length);
    writer.append(key, value);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
