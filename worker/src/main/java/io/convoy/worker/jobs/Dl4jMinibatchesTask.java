package io.convoy.worker.jobs;

import io.convoy.worker.data.BatchAssembler;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.NativeThreads;

import io.convoy.model.InputShape;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A shard's minibatches of one epoch as DL4J {@link DataSet}s, in the order convoy's own engine
 * trains them, for the {@code dl4j-paramavg} baseline: both engines see the same examples.
 */
public final class Dl4jMinibatchesTask implements Function2<Integer, Iterator<EncodedSample>, Iterator<DataSet>> {
  private final ImagePipeline pipeline;
  private final BatchSchedule schedule;
  private final InputShape input;
  private final int classes;
  private final int epoch;
  private final int threads;

  public Dl4jMinibatchesTask(ImagePipeline pipeline, BatchSchedule schedule, InputShape input, int classes, int epoch,
      int threads) {
    this.pipeline = pipeline;
    this.schedule = schedule;
    this.input = input;
    this.classes = classes;
    this.epoch = epoch;
    this.threads = threads;
  }

  @Override
  public Iterator<DataSet> call(Integer shard, Iterator<EncodedSample> samples) {
    List<EncodedSample> all = new ArrayList<>();
    samples.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return List.<DataSet>of().iterator();
    }
    NativeThreads.limit(threads);
    BatchAssembler assembler = new BatchAssembler(pipeline, schedule.seed());
    List<DataSet> out = new ArrayList<>(schedule.batchesPerEpoch());
    for (int b = 0; b < schedule.batchesPerEpoch(); b++) {
      BatchAssembler.Batch batch = assembler.assemble(all, schedule.batch(epoch, shard, all.size(), b), epoch);
      if (batch.size() == 0) {
        continue; // every sample of it was skipped
      }
      INDArray x = Nd4j.create(batch.features(),
          new long[] {batch.size(), input.channels(), input.height(), input.width()}, 'c');
      INDArray y = Nd4j.zeros(DataType.FLOAT, batch.size(), classes);
      for (int i = 0; i < batch.size(); i++) {
        y.putScalar(i, batch.labels()[i], 1f);
      }
      out.add(new DataSet(x, y));
    }
    return out.iterator();
  }
}
