package io.convoy.bench.engines;

import io.convoy.model.ModelSpec;
import io.convoy.model.NativeVariant;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.BatchAssembler;
import io.convoy.worker.BatchPrefetcher;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.EvalResult;
import io.convoy.worker.NativeThreads;
import io.convoy.worker.ReplicaEvaluation;
import java.util.List;

/**
 * Plain DL4J training in this process, no Spark: one network over the whole training set with
 * the same pipeline, minibatch order and background decoding as the engine's workers. The
 * reference that {@code convoy bench engines} compares every distributed engine against.
 */
public final class SingleProcessTraining {
  private final ModelSpec spec;
  private final ImagePipeline trainPipeline;
  private final ImagePipeline evalPipeline;
  private final BatchSchedule schedule;
  private final int threads;
  private final int prefetch;

  /** {@code schedule} covers all training samples as one shard; {@code threads}: ND4J threads. */
  public SingleProcessTraining(ModelSpec spec, ImagePipeline trainPipeline, ImagePipeline evalPipeline,
      BatchSchedule schedule, int threads, int prefetch) {
    this.spec = spec;
    this.trainPipeline = trainPipeline;
    this.evalPipeline = evalPipeline;
    this.schedule = schedule;
    this.threads = threads;
    this.prefetch = prefetch;
  }

  /** What a single-process run achieved. */
  public record Result(float[] parameters, long examples, double trainSeconds, EvalResult validation) {
    public double imagesPerSec() {
      return examples / trainSeconds;
    }
  }

  public Result run(List<EncodedSample> train, List<EncodedSample> val, long seed) {
    NativeVariant.select();
    NativeThreads.apply(threads);
    Replica replica = Replica.initialize(spec, seed);
    BatchPrefetcher batches = new BatchPrefetcher(new BatchAssembler(trainPipeline, seed), schedule, 0,
        prefetch, 1);
    long examples = 0;
    long start = System.nanoTime();
    for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
      for (int b = 0; b < schedule.batchesPerEpoch(); b++) {
        BatchAssembler.Batch batch = batches.take(train, epoch, b);
        replica.fit(batch.features(), batch.labels(), batch.size());
        examples += batch.size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(replica.parameters(), examples, seconds, ReplicaEvaluation.evaluate(replica, evalPipeline, val));
  }
}
