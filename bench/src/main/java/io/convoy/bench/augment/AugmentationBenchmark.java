package io.convoy.bench.augment;

import io.convoy.model.ModelSpec;
import io.convoy.model.NativeVariant;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.BatchAssembler;
import io.convoy.worker.BatchPrefetcher;
import io.convoy.worker.BatchSchedule;
import io.convoy.worker.EncodedSample;
import io.convoy.worker.NativeThreads;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Training throughput with decoding and augmentation on the loader threads (as workers train)
 * against training on the very same minibatches decoded beforehand: what the data pipeline
 * costs the training loop. Both modes fit the same batches of epoch 0 from the same initial
 * weights; rounds alternate between them so that other load on the machine hits both alike,
 * and the median round of each is reported. A benchmark, not a test: it measures time.
 */
public final class AugmentationBenchmark {
  /**
   * @param augmented images/s of training with decoding and augmentation in the loader pool
   * @param predecoded images/s of training on tensors decoded beforehand
   * @param augmentedRuns every round's images/s with augmentation
   * @param predecodedRuns every round's images/s on pre-decoded tensors
   */
  public record Result(int images, int batches, double augmented, double predecoded, double[] augmentedRuns,
      double[] predecodedRuns) {
    /** augmented / predecoded: 1 means augmentation is free; the target is 0.95 or more. */
    public double ratio() {
      return augmented / predecoded;
    }
  }

  private AugmentationBenchmark() {}

  /**
   * @param samples the shard to train on (all of it, as one shard)
   * @param threads ND4J threads of the training loop
   * @param loaderThreads threads that decode and augment ahead
   * @param prefetch minibatches decoded ahead
   * @param rounds measured rounds per mode, after one warm-up round of each
   */
  public static Result run(ModelSpec spec, ImagePipeline pipeline, List<EncodedSample> samples, BatchSchedule schedule,
      int threads, int loaderThreads, int prefetch, int rounds, long seed) {
    NativeVariant.select();
    NativeThreads.apply(threads);
    BatchAssembler assembler = new BatchAssembler(pipeline, seed);
    List<BatchAssembler.Batch> decoded = new ArrayList<>();
    for (int b = 0; b < schedule.batchesPerEpoch(); b++) {
      decoded.add(assembler.assemble(samples, schedule.batch(0, 0, samples.size(), b), 0));
    }
    int images = decoded.stream().mapToInt(BatchAssembler.Batch::size).sum();
    double[] withAugmentation = new double[rounds];
    double[] predecoded = new double[rounds];
    for (int round = -1; round < rounds; round++) {
      double p = images / predecodedRound(spec, decoded, seed);
      double a = images / augmentedRound(spec, assembler, samples, schedule, loaderThreads, prefetch, seed);
      if (round >= 0) { // round -1 warms up the JIT, the natives and the loader pool
        predecoded[round] = p;
        withAugmentation[round] = a;
      }
    }
    return new Result(images, decoded.size(), median(withAugmentation), median(predecoded), withAugmentation,
        predecoded);
  }

  private static double predecodedRound(ModelSpec spec, List<BatchAssembler.Batch> batches, long seed) {
    Replica replica = Replica.initialize(spec, seed);
    long start = System.nanoTime();
    for (BatchAssembler.Batch batch : batches) {
      replica.fit(batch.features(), batch.labels(), batch.size());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double augmentedRound(ModelSpec spec, BatchAssembler assembler, List<EncodedSample> samples,
      BatchSchedule schedule, int loaderThreads, int prefetch, long seed) {
    Replica replica = Replica.initialize(spec, seed);
    // A one-epoch schedule: the prefetcher stops at the end of the measured epoch.
    BatchSchedule oneEpoch = new BatchSchedule(schedule.seed(), schedule.epochLength(), schedule.batchSize(), 1);
    BatchPrefetcher batches = new BatchPrefetcher(assembler, oneEpoch, 0, prefetch, loaderThreads);
    long start = System.nanoTime();
    for (int b = 0; b < oneEpoch.batchesPerEpoch(); b++) {
      BatchAssembler.Batch batch = batches.take(samples, 0, b);
      replica.fit(batch.features(), batch.labels(), batch.size());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    return new Median().evaluate(values);
  }
}
