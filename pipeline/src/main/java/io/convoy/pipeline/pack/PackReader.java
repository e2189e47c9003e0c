package io.convoy.pipeline.pack;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;

/** Reads the records of one shard file of a pack, in order (Spark jobs use Hadoop's input format instead). */
public final class PackReader {
  /** Receives one record: its key and a fresh copy of its bytes. */
  public interface Consumer {
    void accept(PackKey key, byte[] bytes) throws IOException;
  }

  private PackReader() {}

  public static void read(Path file, Configuration hadoop, Consumer consumer) throws IOException {
    try (SequenceFile.Reader reader = new SequenceFile.Reader(hadoop, SequenceFile.Reader.file(file))) {
      Text key = new Text();
      BytesWritable value = new BytesWritable();
      while (reader.next(key, value)) {
        consumer.accept(PackKey.decode(key.toString()), value.copyBytes());
      }
    }
  }
}
