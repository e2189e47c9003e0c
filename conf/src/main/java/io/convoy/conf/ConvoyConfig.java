package io.convoy.conf;

import java.io.Serializable;

/** The whole job configuration: the root of the tree bound from HOCON. */
public record ConvoyConfig(
    DataConfig data,
    PipelineConfig pipeline,
    ModelConfig model,
    OptimizerConfig optimizer,
    TrainingConfig training,
    ClusterConfig cluster,
    OutputConfig output,
    CheckpointConfig checkpoint) implements Serializable {

  /** The same configuration writing its outputs to {@code dir}. */
  public ConvoyConfig withOutputDir(String dir) {
    return new ConvoyConfig(data, pipeline, model, optimizer, training, cluster,
        new OutputConfig(dir, output.report(), output.trainMetricsImages()), checkpoint);
  }

  /** The same configuration with other augmentation pipelines. */
  public ConvoyConfig withPipeline(PipelineConfig pipeline) {
    return new ConvoyConfig(data, pipeline, model, optimizer, training, cluster, output, checkpoint);
  }

  /** The same configuration with another Spark master URL. */
  public ConvoyConfig withMaster(String master) {
    return new ConvoyConfig(data, pipeline, model, optimizer, training,
        cluster.withMaster(master),
        output, checkpoint);
  }
}
