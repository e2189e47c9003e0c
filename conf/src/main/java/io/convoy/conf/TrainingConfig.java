package io.convoy.conf;

import io.convoy.conf.names.EngineName;
import io.convoy.conf.names.TransportName;
import java.io.Serializable;

/**
 * The training run.
 *
 * @param epochs passes over the training set
 * @param batchSize minibatch size per worker
 * @param workers number of replicas (= data partitions)
 * @param averaging how replicas are combined
 * @param seed seed of every random choice (weights, shards, order)
 * @param engine which engine trains
 * @param prefetchBatches minibatches each worker decodes ahead of training (0: none)
 * @param transport how averaging travels (convoy engine)
 * @param allreduce settings of the {@code allreduce} transport
 */
public record TrainingConfig(
    int epochs, int batchSize, int workers, AveragingConfig averaging, long seed, EngineName engine,
    int prefetchBatches, TransportName transport, AllreduceConfig allreduce)
    implements Serializable {}
