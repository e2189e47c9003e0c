package io.convoy.worker;

import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes and preprocesses samples into one NCHW feature array and a label array. Public for the
 * baselines of module {@code bench}, which train on exactly the minibatches the workers do.
 */
public final class BatchAssembler {
  private final ImagePipeline pipeline;
  private final long seed;
  /** Decoded tensors of a pipeline without random draws, or null. */
  private final DecodedTensors decoded;

  /** {@code seed}: the run's seed, from which random augmentations derive. */
  public BatchAssembler(ImagePipeline pipeline, long seed) {
    this(pipeline, seed, 0);
  }

  /**
   * {@code cacheBytes}: heap for keeping decoded tensors of one shard between epochs, used only
   * when the pipeline draws nothing at random (see {@link DecodedTensors}); 0 for none.
   */
  BatchAssembler(ImagePipeline pipeline, long seed, long cacheBytes) {
    this.pipeline = pipeline;
    this.seed = seed;
    this.decoded = cacheBytes > 0 && !pipeline.isRandom() ? new DecodedTensors(cacheBytes) : null;
  }

  /** The decoded-tensor cache, or null when there is none (tests). */
  DecodedTensors decoded() {
    return decoded;
  }

  /**
   * @param size examples in the batch: those asked for less those skipped
   * @param skipped samples left out, as {@code path<TAB>reason}
   */
  public record Batch(float[] features, int[] labels, int size, List<String> skipped) {}

  /**
   * The samples at {@code indexes}, decoded and preprocessed. A sample that cannot be read or
   * decoded (its file changed after the dataset was catalogued) is left out and reported in
   * {@link Batch#skipped}: which samples are left out depends on the files only, so the batch
   * is still the same wherever and whenever it is assembled.
   */
  public Batch assemble(List<EncodedSample> samples, int[] indexes, int epoch) {
    int len = pipeline.tensorLength();
    float[] features = new float[indexes.length * len];
    int[] labels = new int[indexes.length];
    List<String> skipped = new ArrayList<>(0);
    int n = 0;
    for (int index : indexes) {
      EncodedSample s = samples.get(index);
      if (s.unreadable() != null) {
        skipped.add(s.path() + "\t" + s.unreadable());
        continue;
      }
      float[] tensor = decoded == null ? null : decoded.get(index, s.path(), s.bytes());
      if (tensor == null) {
        try {
          tensor = pipeline.isRandom()
              ? pipeline.toTensor(s.bytes(), seed, epoch, sampleId(s.path()))
              : pipeline.toTensor(s.bytes());
        } catch (ImageDecodeException e) {
          skipped.add(s.path() + "\tcannot decode: " + e.getMessage());
          continue;
        }
        if (decoded != null) {
          decoded.put(index, s.path(), s.bytes(), tensor);
        }
      }
      System.arraycopy(tensor, 0, features, n * len, len);
      labels[n++] = s.label();
    }
    if (n < indexes.length) {
      features = Arrays.copyOf(features, n * len);
      labels = Arrays.copyOf(labels, n);
    }
    return new Batch(features, labels, n, skipped);
  }

  /**
   * {@code <class>/<file>}: what identifies a sample for its random augmentations, the same
   * wherever the dataset is stored and however it is partitioned.
   */
  static String sampleId(String path) {
    int file = path.lastIndexOf('/');
    int dir = file > 0 ? path.lastIndexOf('/', file - 1) : -1;
    return path.substring(dir + 1);
  }
}
