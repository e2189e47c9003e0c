package io.convoy.worker;

import io.convoy.pipeline.ImageDecodeException;
import io.convoy.pipeline.ImagePipeline;
import java.util.List;

/** Decodes and preprocesses samples into one NCHW feature array and a label array. */
final class BatchAssembler {
  private final ImagePipeline pipeline;
  private final long seed;

  /** {@code seed}: the run's seed, from which random augmentations derive. */
  BatchAssembler(ImagePipeline pipeline, long seed) {
    this.pipeline = pipeline;
    this.seed = seed;
  }

  record Batch(float[] features, int[] labels, int size) {}

  Batch assemble(List<EncodedSample> samples, int[] indexes, int epoch) {
    int len = pipeline.tensorLength();
    float[] features = new float[indexes.length * len];
    int[] labels = new int[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      EncodedSample s = samples.get(indexes[i]);
      float[] tensor;
      try {
        tensor = pipeline.isRandom()
            ? pipeline.toTensor(s.bytes(), seed, epoch, sampleId(s.path()))
            : pipeline.toTensor(s.bytes());
      } catch (ImageDecodeException e) {
        throw new IllegalStateException("cannot decode " + s.path() + ": " + e.getMessage(), e);
      }
      System.arraycopy(tensor, 0, features, i * len, len);
      labels[i] = s.label();
    }
    return new Batch(features, labels, indexes.length);
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
