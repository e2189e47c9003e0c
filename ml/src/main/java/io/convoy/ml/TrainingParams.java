package io.convoy.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * {@link ConvoyClassifier}'s training settings: each sets one key of convoy's job configuration
 * (named in its description, mapped in {@link JobSettings}), and {@link #jobConf} takes HOCON
 * text for every other key. A Param left unset takes the job text's value, else reference.conf's
 * (its default here). Values are checked by convoy's configuration loader at {@code fit}.
 */
public interface TrainingParams extends Params {
  default Param<String> arch() {
    return new Param<>(this, "arch", "model.arch: the network, e.g. lenet, simple-cnn, resnet20, resnet50");
  }

  default IntParam epochs() {
    return new IntParam(this, "epochs", "training.epochs: passes over the training rows");
  }

  default IntParam batchSize() {
    return new IntParam(this, "batchSize", "training.batch-size: minibatch size per worker");
  }

  default IntParam workers() {
    return new IntParam(this, "workers", "training.workers: replicas trained in parallel (Spark tasks)");
  }

  default Param<String> optimizer() {
    return new Param<>(this, "optimizer", "optimizer.name: sgd, momentum, nesterov, adam or rmsprop");
  }

  default DoubleParam learningRate() {
    return new DoubleParam(this, "learningRate", "optimizer.lr: the learning rate");
  }

  default Param<String> averagingMode() {
    return new Param<>(this, "averagingMode", "training.averaging.mode: parameters or gradients");
  }

  default IntParam averagingFrequency() {
    return new IntParam(this, "averagingFrequency",
        "training.averaging.frequency: minibatches between averages in parameters mode");
  }

  default Param<String> transport() {
    return new Param<>(this, "transport", "training.transport: jobs or allreduce");
  }

  default IntParam imageSize() {
    return new IntParam(this, "imageSize", "data.image-size: height and width of the network input");
  }

  default Param<String> trainPipeline() {
    return new Param<>(this, "trainPipeline",
        "pipeline.train: a preset name or a HOCON list of operations, e.g. [mirror, normalize]");
  }

  default Param<String> evalPipeline() {
    return new Param<>(this, "evalPipeline",
        "pipeline.eval: a preset name or a HOCON list of operations, stored in the model for transform");
  }

  default LongParam seed() {
    return new LongParam(this, "seed", "training.seed: initialization, sharding, augmentation and the split");
  }

  default DoubleParam valFraction() {
    return new DoubleParam(this, "valFraction",
        "data.val-fraction: rows held out for validation by a hash of their key, as convoy train does");
  }

  default IntParam maxSkipped() {
    return new IntParam(this, "maxSkipped", "data.max-skipped: undecodable rows tolerated while training");
  }

  default Param<String> outputDir() {
    return new Param<>(this, "outputDir", "output.dir: where fit writes convoy train's outputs (metrics.jsonl, "
        + "model.zip, report.html); unset: a temporary folder, removed after fit");
  }

  default Param<String> checkpointDir() {
    return new Param<>(this, "checkpointDir",
        "checkpoint.dir: where fit writes checkpoints; unset with no outputDir: no checkpoints");
  }

  default Param<String> jobConf() {
    return new Param<>(this, "jobConf", "HOCON job text (as a convoy job file) for every other setting; "
        + "a key it sets must not also be set by its Param");
  }

  // Getters: the value set, else the default (reference.conf's; none for pipelines and folders).

  default String getArch() {
    return (String) getOrDefault(arch());
  }

  default int getEpochs() {
    return (Integer) getOrDefault(epochs());
  }

  default int getBatchSize() {
    return (Integer) getOrDefault(batchSize());
  }

  default int getWorkers() {
    return (Integer) getOrDefault(workers());
  }

  default String getOptimizer() {
    return (String) getOrDefault(optimizer());
  }

  default double getLearningRate() {
    return (Double) getOrDefault(learningRate());
  }

  default String getAveragingMode() {
    return (String) getOrDefault(averagingMode());
  }

  default int getAveragingFrequency() {
    return (Integer) getOrDefault(averagingFrequency());
  }

  default String getTransport() {
    return (String) getOrDefault(transport());
  }

  default int getImageSize() {
    return (Integer) getOrDefault(imageSize());
  }

  default String getTrainPipeline() {
    return (String) getOrDefault(trainPipeline());
  }

  default String getEvalPipeline() {
    return (String) getOrDefault(evalPipeline());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default double getValFraction() {
    return (Double) getOrDefault(valFraction());
  }

  default int getMaxSkipped() {
    return (Integer) getOrDefault(maxSkipped());
  }

  default String getOutputDir() {
    return (String) getOrDefault(outputDir());
  }

  default String getCheckpointDir() {
    return (String) getOrDefault(checkpointDir());
  }

  default String getJobConf() {
    return (String) getOrDefault(jobConf());
  }
}
