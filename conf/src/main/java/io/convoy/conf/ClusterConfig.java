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
 * @param decodedCacheMb heap each replica may keep decoded training tensors in, when the training
 *     pipeline draws nothing at random (0: decode every epoch)
 */
public record ClusterConfig(String master, int threadsPerWorker, int loaderThreads, boolean memoryCheck,
    int decodedCacheMb) implements Serializable {
  /** The default decoded-tensor budget of reference.conf ({@code cluster.decoded-cache-mb}). */
  public static final int DEFAULT_DECODED_CACHE_MB = 512;
  /** The memory check is on unless {@code cluster.memory-check = false}. */
  public static final boolean DEFAULT_MEMORY_CHECK = true;

  /** With the memory check on and the default decoded-tensor cache (the defaults). */
  public ClusterConfig(String master, int threadsPerWorker, int loaderThreads) {
    this(master, threadsPerWorker, loaderThreads, DEFAULT_MEMORY_CHECK, DEFAULT_DECODED_CACHE_MB);
  }

  /** The same with another master URL. */
  public ClusterConfig withMaster(String newMaster) {
    return new ClusterConfig(newMaster, threadsPerWorker, loaderThreads, memoryCheck, decodedCacheMb);
  }
}
