package io.convoy.driver.engine;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.ScheduleName;
import io.convoy.conf.names.TransportName;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.optim.Dl4jSchedule;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.jobs.Dl4jMinibatchesTask;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.RoundTimings;
import io.convoy.worker.replica.WorkerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The baseline users would otherwise pick: dl4j-spark's ParameterAveragingTrainingMaster on
 * the same model, shards, minibatches, workers and averaging frequency as convoy's engine.
 * Updater saving is set explicitly: documented as the default, it is off unless set, and
 * momentum would silently restart every round. Parameters mode with averaged updater state
 * only, which is what the master implements.
 */
public final class Dl4jParamAveraging implements TrainingEngine {
  private final JavaSparkContext sc;
  private final JavaRDD<EncodedSample> shards;
  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final BatchSchedule schedule;
  private final int frequency;
  private final int threads;
  private final SparkDl4jMultiLayer sparkNet;
  private int rounds;

  Dl4jParamAveraging(JavaSparkContext sc, JavaRDD<EncodedSample> shards, ModelSpec spec, ConvoyConfig config,
      BatchSchedule schedule, Replica initial, WorkerSettings settings) {
    var averaging = config.training().averaging();
    if (averaging.mode() != AveragingMode.PARAMETERS) {
      throw new ConfigException("training.averaging.mode", averaging.mode().configName(),
          "parameters with training.engine = dl4j-paramavg (its master averages parameters only)");
    }
    if (averaging.updaterState() != UpdaterStatePolicy.AVERAGE) {
      throw new ConfigException("training.averaging.updater-state", averaging.updaterState().configName(),
          "average with training.engine = dl4j-paramavg (the only policy its master implements)");
    }
    if (config.optimizer().schedule().name() == ScheduleName.PLATEAU) {
      throw new ConfigException("optimizer.schedule.name", "plateau",
          "a schedule fixed in advance with training.engine = dl4j-paramavg (dl4j-spark cannot change its rate)");
    }
    this.sc = sc;
    this.shards = shards;
    this.spec = spec;
    this.pipeline = ImagePipeline.of(config.pipeline().train(), config.data());
    this.schedule = schedule;
    this.frequency = averaging.frequency();
    this.threads = settings.threads();
    int batch = config.training().batchSize();
    ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
        config.training().workers(), batch)
        .batchSizePerWorker(batch)
        .averagingFrequency(frequency)
        .saveUpdater(true)
        // The minibatches are already one DataSet each, on their shard's partition.
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Never)
        .workerPrefetchNumBatches(2)
        .collectTrainingStats(false)
        .build();
    this.sparkNet = new SparkDl4jMultiLayer(sc, network(initial), master);
  }

  /**
   * The replica's network as a plain DL4J MultiLayerNetwork, through DL4J's own format, with the
   * job's learning-rate schedule as DL4J's (a replica sets its rate before every step; without
   * this, dl4j-spark would train at the base rate throughout, a different optimization).
   */
  private static MultiLayerNetwork network(Replica initial) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      initial.save(bytes, true);
      MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
          true);
      Dl4jSchedule.install(net, initial.spec());
      return net;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the initial network for dl4j-spark", e);
    } catch (ClassCastException | IllegalStateException e) {
      throw new ConfigException("training.engine", "dl4j-paramavg with model.arch = " + initial.spec().arch(),
          "an architecture built as a MultiLayerNetwork (a plain stack) for the dl4j-paramavg baseline");
    }
  }

  @Override
  public EpochStats epoch(int epoch, RoundListener listener) {
    long start = System.nanoTime();
    sc.setJobGroup("convoy-round-dl4j-" + (epoch + 1), "epoch " + (epoch + 1) + " (dl4j-spark parameter averaging)",
        false);
    JavaRDD<DataSet> data = shards.mapPartitionsWithIndex(
        new Dl4jMinibatchesTask(pipeline, schedule, spec.input(), spec.classes(), epoch, threads), true);
    sparkNet.fit(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    long batches = (long) schedule.batchesPerEpoch() * shards.getNumPartitions();
    long examples = (long) shards.getNumPartitions() * schedule.epochLength();
    int epochRounds = (schedule.batchesPerEpoch() + frequency - 1) / frequency;
    rounds += epochRounds;
    double loss = sparkNet.getScore();
    // dl4j-spark runs its rounds inside fit(): one summary per epoch, with no time split.
    listener.round(new RoundStats(rounds, epoch + 1, loss, examples, batches, seconds,
        RoundTimings.ZERO, learningRate()));
    return new EpochStats(epochRounds, batches, examples, loss * batches, seconds);
  }

  /** The rate of the first layer that has one (pooling layers have none). */
  private double learningRate() {
    MultiLayerNetwork net = sparkNet.getNetwork();
    for (int i = 0; i < net.getnLayers(); i++) {
      Double lr = net.getLearningRate(i);
      if (lr != null) {
        return lr;
      }
    }
    return Double.NaN;
  }

  @Override
  public ModelState state() {
    MultiLayerNetwork net = sparkNet.getNetwork();
    Updater updater = net.getUpdater();
    INDArray view = updater == null ? null : updater.getStateViewArray();
    return new ModelState(net.params().toFloatVector(), view == null ? new float[0] : view.toFloatVector());
  }

  @Override
  public void setLearningRateFactor(double factor) {
    if (factor != 1) {
      throw new IllegalStateException("dl4j-paramavg cannot change its learning rate during training");
    }
  }

  @Override
  public TransportName transport() {
    // dl4j-spark runs a Spark job per averaging round
    return TransportName.JOBS;
  }

  @Override
  public int batchesPerRound() {
    return frequency;
  }
}
