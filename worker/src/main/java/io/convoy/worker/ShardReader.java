package io.convoy.worker;

import io.convoy.pipeline.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
        out.add(new EncodedSample(s.path(), s.label(), read(s.path())));
      }
    }
    return out.iterator();
  }

  private byte[] read(String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop.get());
      try (InputStream in = fs.open(path)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }
}
