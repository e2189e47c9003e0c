package io.convoy.worker.data;

import io.convoy.pipeline.dataset.Sample;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.api.java.function.FlatMapFunction;

/** Reads the encoded bytes of a shard's samples through the Hadoop FileSystem API. */
public final class ShardReader implements FlatMapFunction<Iterator<List<Sample>>, EncodedSample> {
  private final HadoopConf hadoop;

  public ShardReader(HadoopConf hadoop) {
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<EncodedSample> call(Iterator<List<Sample>> shards) {
    List<EncodedSample> out = new ArrayList<>();
    while (shards.hasNext()) {
      for (Sample s : shards.next()) {
        out.add(read(s));
      }
    }
    return out.iterator();
  }

  /**
   * The samples' bytes, each file read when the iterator reaches it: a consumer that goes batch
   * by batch (scoring) holds one batch of bytes at a time, not the whole partition's.
   */
  public Iterator<EncodedSample> readEach(Iterator<Sample> samples) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return samples.hasNext();
      }

      @Override
      public EncodedSample next() {
        return read(samples.next());
      }
    };
  }

  /**
   * The sample with its bytes; a file that is gone or unreadable (a permanent condition, which
   * a retry would not cure) becomes a sample marked unreadable, skipped and reported by the
   * minibatches that need it, so that one bad file does not fail the whole shard.
   */
  private EncodedSample read(Sample s) {
    Path path = new Path(s.path());
    try {
      FileSystem fs = path.getFileSystem(hadoop.get());
      try (InputStream in = fs.open(path)) {
        return new EncodedSample(s.path(), s.label(), in.readAllBytes());
      }
    } catch (FileNotFoundException | AccessControlException e) {
      return new EncodedSample(s.path(), s.label(), new byte[0], "cannot read: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + s.path() + ": " + e.getMessage(), e);
    }
  }
}
