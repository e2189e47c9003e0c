package io.convoy.worker.replica;

import io.convoy.worker.data.BatchAssembler;
import io.convoy.worker.data.EncodedSample;

import io.convoy.model.Replica;
import io.convoy.model.ScoringBatch;
import io.convoy.pipeline.ImagePipeline;
import java.util.List;

/**
 * Scores a replica on samples with an evaluation pipeline, in minibatches of 128, fewer where
 * their layer outputs would be large ({@link ScoringBatch}: 4 for resnet50 at 224x224). Public for
 * the single-process baseline of module {@code bench}.
 */
public final class ReplicaEvaluation {
  private static final int BATCH = 128;

  private ReplicaEvaluation() {}

  public static EvalResult evaluate(Replica replica, ImagePipeline pipeline, List<EncodedSample> samples) {
    int classes = replica.spec().classes();
    EvalResult result = new EvalResult(classes);
    // Evaluation pipelines draw no random number; the seed is unused.
    BatchAssembler assembler = new BatchAssembler(pipeline, 0L);
    int perPass = ScoringBatch.of(replica.spec(), BATCH);
    for (int from = 0; from < samples.size(); from += perPass) {
      int n = Math.min(perPass, samples.size() - from);
      int[] indexes = new int[n];
      for (int i = 0; i < n; i++) {
        indexes[i] = from + i;
      }
      BatchAssembler.Batch batch = assembler.assemble(samples, indexes, 0);
      result.skipped.addAll(batch.skipped());
      if (batch.size() == 0) {
        continue;
      }
      float[] p = replica.predict(batch.features(), batch.size());
      for (int i = 0; i < batch.size(); i++) {
        result.record(p, i * classes, batch.labels()[i]);
      }
    }
    return result;
  }
}
