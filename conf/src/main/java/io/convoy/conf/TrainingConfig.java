package io.convoy.conf;

import java.io.Serializable;
import java.util.List;

/**
 * The training run.
 *
 * @param epochs passes over the training set
 * @param batchSize minibatch size per worker
 * @param workers number of replicas (= data partitions)
 * @param averaging how replicas are combined
 * @param seed seed of every random choice (weights, shards, order)
 * @param engine which engine trains, one of {@link #ENGINES}
 * @param prefetchBatches minibatches each worker decodes ahead of training (0: none)
 * @param transport how averaging travels (convoy engine), one of {@link #TRANSPORTS}
 * @param allreduce settings of the {@code allreduce} transport
 */
public record TrainingConfig(
    int epochs, int batchSize, int workers, AveragingConfig averaging, long seed, String engine,
    int prefetchBatches, String transport, AllreduceConfig allreduce)
    implements Serializable {

  /** convoy's own engine, and dl4j-spark's ParameterAveragingTrainingMaster as a baseline. */
  public static final List<String> ENGINES = List.of("convoy", "dl4j-paramavg");

  /** A Spark job per round through the driver, or one barrier stage per epoch with a ring allreduce. */
  public static final List<String> TRANSPORTS = List.of("jobs", "allreduce");
}
