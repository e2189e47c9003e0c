package io.convoy.worker.replica;

import io.convoy.worker.data.BatchAssembler;
import io.convoy.worker.data.BatchAssemblerTest;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A round's local work without Spark: it trains exactly the minibatches the schedule names, as a
 * replica fitting them by hand would; a gradient of a minibatch whose every sample was skipped is
 * zero; and the updater-state policies start the round from the state they say.
 */
class LocalRoundTest {
  private static final int SAMPLES = 10;
  private final ConvoyConfig config = ConfigLoader.load(null, List.of("data.image-size=12", "optimizer.name=adam"));
  private final ImagePipeline pipeline = ImagePipeline.of(config.pipeline().train(), config.data());
  private final ModelSpec spec = new ModelSpec(config.model(), new InputShape(12, 12, 3), 2, config.optimizer(),
      new TrainingPlan(1, 2, 3));
  private final BatchSchedule schedule = new BatchSchedule(7, SAMPLES, 4, 2);
  private final float[] initial = Replica.initialize(spec, 3).parameters();

  @Test
  void parametersModeFitsTheScheduledMinibatchesAsAReplicaByHandWould() throws Exception {
    List<EncodedSample> shard = samples(true);
    LocalRound local = open("fit", shard);
    LocalRound.Work work = local.run(round(AveragingMode.PARAMETERS, 1, 2, 1, UpdaterStatePolicy.LOCAL), null, null,
        0);

    Replica byHand = Replica.withParameters(spec, initial);
    byHand.setStep(5, 1);
    byHand.setLearningRateFactor(0.5);
    double learningRate = byHand.learningRate();
    BatchAssembler assembler = new BatchAssembler(pipeline, schedule.seed());
    double lossSum = 0;
    for (int b = 1; b < 3; b++) {
      BatchAssembler.Batch batch = assembler.assemble(shard, schedule.batch(1, 0, SAMPLES, b), 1);
      lossSum += byHand.fit(batch.features(), batch.labels(), batch.size());
    }
    assertArrayEquals(byHand.parameters(), local.replica().parameters());
    assertArrayEquals(byHand.updaterState(), local.replica().updaterState());
    assertEquals(lossSum, work.lossSum());
    assertEquals(4 + 2, work.examples());
    assertEquals(2, work.batches());
    assertEquals(learningRate, work.learningRate());
    assertTrue(work.timings().computeSeconds() > 0);
    assertEquals(0, work.timings().broadcastSeconds());
    assertEquals(List.of(), work.skipped());
  }

  @Test
  void gradientsModeComputesOneMinibatchsGradientInPlace() throws Exception {
    List<EncodedSample> shard = samples(true);
    LocalRound local = open("gradient", shard);
    int p = local.replica().numParameters();
    float[] buffer = new float[p + 2];
    LocalRound.Work work = local.run(round(AveragingMode.GRADIENTS, 0, 0, 2, UpdaterStatePolicy.AVERAGE), null, buffer,
        1);

    Replica byHand = Replica.withParameters(spec, initial);
    byHand.setStep(5, 0);
    byHand.setLearningRateFactor(0.5);
    BatchAssembler.Batch batch = new BatchAssembler(pipeline, schedule.seed())
        .assemble(shard, schedule.batch(0, 0, SAMPLES, 2), 0);
    float[] gradient = new float[p];
    assertEquals(byHand.computeGradient(batch.features(), batch.labels(), batch.size(), gradient), work.lossSum());
    assertArrayEquals(gradient, Arrays.copyOfRange(buffer, 1, p + 1));
    assertEquals(1, work.batches());
    assertEquals(2, work.examples()); // the epoch's last minibatch: 10 samples in minibatches of 4
    assertArrayEquals(initial, local.replica().parameters(), "a gradient does not step");
  }

  @Test
  void aMinibatchWithEverySampleSkippedAddsAZeroGradient() throws Exception {
    List<EncodedSample> shard = samples(false);
    LocalRound local = open("skipped", shard);
    int p = local.replica().numParameters();
    float[] buffer = new float[p + 3];
    Arrays.fill(buffer, 7f);
    LocalRound.Work work = local.run(round(AveragingMode.GRADIENTS, 0, 1, 0, UpdaterStatePolicy.AVERAGE), null, buffer,
        1);
    assertEquals(0, work.examples());
    assertEquals(0, work.lossSum());
    assertEquals(1, work.batches());
    assertEquals(4, work.skipped().size());
    assertTrue(work.skipped().get(0).contains("\tcannot read: gone"), work.skipped().get(0));
    assertArrayEquals(new float[p], Arrays.copyOfRange(buffer, 1, p + 1));
    assertEquals(7f, buffer[0]);
    assertEquals(7f, buffer[p + 1]);
  }

  @Test
  void theUpdaterStatePolicySaysWhichStateTheRoundStartsFrom() throws Exception {
    List<EncodedSample> shard = samples(true);
    LocalRound local = open("policy", shard);
    int u = local.replica().updaterStateLength();
    local.run(round(AveragingMode.PARAMETERS, 0, 0, 1, UpdaterStatePolicy.LOCAL), null, null, 0);
    float[] afterFirst = local.replica().updaterState();
    assertFalse(Arrays.equals(new float[u], afterFirst));

    // reset: from zero, whatever the replica held.
    local.replica().setParameters(initial);
    local.run(round(AveragingMode.PARAMETERS, 0, 1, 1, UpdaterStatePolicy.RESET), null, null, 0);
    float[] fromZero = local.replica().updaterState();

    // average: from the shared state given, or the replica's own where none is given.
    local.replica().setParameters(initial);
    local.run(round(AveragingMode.PARAMETERS, 0, 1, 1, UpdaterStatePolicy.AVERAGE), new float[u], null, 0);
    assertArrayEquals(fromZero, local.replica().updaterState());

    // local: a second attempt at a round starts from the state the first attempt started from.
    local.replica().setParameters(initial);
    local.run(round(AveragingMode.PARAMETERS, 0, 4, 1, UpdaterStatePolicy.LOCAL), null, null, 0);
    float[] once = local.replica().updaterState();
    local.replica().setParameters(initial);
    local.run(round(AveragingMode.PARAMETERS, 0, 4, 1, UpdaterStatePolicy.LOCAL), null, null, 0);
    assertArrayEquals(once, local.replica().updaterState());
  }

  private LocalRound open(String run, List<EncodedSample> shard) {
    return LocalRound.open(spec, pipeline, schedule, new WorkerSettings("local-round-" + run, 1, 1, 2, 0), 0, shard,
        initial);
  }

  /**
   * Round {@code round} of {@code epoch} from minibatch {@code first}: two minibatches, or one
   * gradient, after 5 steps, at half the scheduled learning rate.
   */
  private static RoundSpec round(AveragingMode mode, int epoch, int round, int first, UpdaterStatePolicy policy) {
    return new RoundSpec(mode, epoch, round, first, 2, 5, policy, 0.5);
  }

  /** Ten small images in two classes, read, or every one unreadable. */
  private static List<EncodedSample> samples(boolean readable) throws Exception {
    List<EncodedSample> samples = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      String path = "file:/d/" + (i % 2 == 0 ? "cat" : "dog") + "/" + i + ".png";
      samples.add(readable ? new EncodedSample(path, i % 2, BatchAssemblerTest.png(i))
          : new EncodedSample(path, i % 2, null, "cannot read: gone"));
    }
    return samples;
  }
}
