package io.convoy.conf;

import java.io.Serializable;

/**
 * Where the job runs.
 *
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:7077}, {@code yarn}, ...)
 * @param threadsPerWorker linear algebra threads each replica uses
 * @param loaderThreads threads per executor that decode and augment minibatches ahead of training
 * @param memoryCheck whether a YARN or Kubernetes run whose replicas cannot fit in the executors'
 *     memory overhead is refused at start
 */
public record ClusterConfig(String master, int threadsPerWorker, int loaderThreads, boolean memoryCheck)
    implements Serializable {
  /** With the memory check on (the default). */
  public ClusterConfig(String master, int threadsPerWorker, int loaderThreads) {
    this(master, threadsPerWorker, loaderThreads, true);
  }
}
