package io.convoy.driver.data;

import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageEncoder;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.dataset.OutputPaths;
import io.convoy.pipeline.pack.PackedDataset;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.HadoopConf;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * One task of {@code convoy augment}: writes copies 0..K-1 of each of its images. Copy k of an
 * image is its augmentation for epoch k (seed, k, {@code <class>/<file>}), so a rerun writes
 * the very same bytes. An output that exists is skipped; a new one is written under a hidden
 * temporary name and renamed, so an interrupted run leaves only whole files under final names.
 */
final class AugmentTask implements FlatMapFunction<Iterator<EncodedSample>, AugmentTask.Result> {
  /** Counts of one task. Plain class (not a record) so that Kryo can return it. */
  static final class Result implements Serializable {
    long written;
    long existing;
    final List<String> failed = new ArrayList<>();
  }

  /** Prefix and infix of temporary names: hidden (catalogs ignore them) and recognizable for cleanup. */
  static final String TMP_PREFIX = ".";
  static final String TMP_INFIX = ".tmp-";

  private final String out;
  private final ImagePipeline pipeline;
  private final int copies;
  private final String format;
  private final long seed;
  private final int channels;
  private final int size;
  private final HadoopConf hadoop;

  AugmentTask(String out, ImagePipeline pipeline, int copies, String format, long seed, int channels, int size,
      HadoopConf hadoop) {
    this.out = out;
    this.pipeline = pipeline;
    this.copies = copies;
    this.format = format;
    this.seed = seed;
    this.channels = channels;
    this.size = size;
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<Result> call(Iterator<EncodedSample> samples) throws IOException {
    Result result = new Result();
    FileSystem fs = new Path(out).getFileSystem(hadoop.get());
    TaskContext task = TaskContext.get();
    long attempt = task == null ? 0 : task.taskAttemptId();
    while (samples.hasNext()) {
      EncodedSample s = samples.next();
      String relative = PackedDataset.relativePath(s.path());
      for (int copy = 0; copy < copies; copy++) {
        Path target = new Path(out, OutputPaths.augmented(relative, copy, format));
        if (fs.exists(target)) {
          result.existing++;
          continue;
        }
        byte[] encoded;
        try {
          encoded = ImageEncoder.encode(ImageEncoder.toImage(augment(s.bytes(), copy, relative), channels, size),
              format);
        } catch (ImageDecodeException e) {
          result.failed.add(s.path() + "\tcannot decode: " + e.getMessage());
          break;
        }
        Path tmp = new Path(target.getParent(), TMP_PREFIX + target.getName() + TMP_INFIX + attempt);
        try (OutputStream o = fs.create(tmp, true)) {
          o.write(encoded);
        }
        if (fs.rename(tmp, target)) {
          result.written++;
        } else if (fs.exists(target)) {
          // Another attempt of this task got there first: its file has the same bytes.
          fs.delete(tmp, false);
          result.existing++;
        } else {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
      }
    }
    return List.of(result).iterator();
  }

  /** The pipeline's tensor, values in [0, 1] (the pipeline has no normalize). */
  float[] augment(byte[] bytes, int copy, String relative) throws ImageDecodeException {
    return pipeline.isRandom() ? pipeline.toTensor(bytes, seed, copy, relative) : pipeline.toTensor(bytes);
  }
}
