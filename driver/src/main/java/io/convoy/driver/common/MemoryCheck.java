package io.convoy.driver.common;

import io.convoy.conf.ConfigException;
import io.convoy.model.ModelSpec;
import org.apache.spark.SparkConf;

/**
 * On YARN and Kubernetes, which kill an executor's container when its process outgrows
 * {@code spark.executor.memory + spark.executor.memoryOverhead}: sizes ND4J's limits to the
 * container and refuses, before the first job, a run whose replicas cannot fit, naming the
 * setting to raise, instead of a container killed mid-run with a message about physical memory
 * that mentions neither ND4J nor convoy. Local mode and standalone clusters enforce no such
 * limit (standalone executors get only a heap), so nothing is set or checked there.
 */
public final class MemoryCheck {
  private MemoryCheck() {}

  /**
   * Executors' JVM flags with ND4J's limits (see {@link ExecutorMemory}), set on {@code conf}
   * before the SparkContext starts.
   */
  static void limitExecutors(SparkConf conf) {
    if (!containerized(conf)) {
      return;
    }
    String key = "spark.executor.extraJavaOptions";
    conf.set(key, ExecutorMemory.of(conf).withLimits(conf.get(key, "")));
  }

  /**
   * @throws ConfigException naming {@code spark.executor.memoryOverhead} when the executors'
   *     replicas need more than it leaves ND4J
   */
  public static void require(SparkConf conf, ModelSpec spec, int batchSize) {
    if (!containerized(conf)) {
      return;
    }
    require(ExecutorMemory.of(conf), spec, batchSize);
  }

  /** Whether the master's executors run in containers with a memory limit (YARN, Kubernetes). */
  static boolean containerized(SparkConf conf) {
    String master = conf.get("spark.master", "local");
    return master.startsWith("yarn") || master.startsWith("k8s://");
  }

  static void require(ExecutorMemory memory, ModelSpec spec, int batchSize) {
    long perReplica = ReplicaMemory.bytes(spec, batchSize);
    long need = memory.replicas() * perReplica;
    if (need <= memory.maxBytes()) {
      return;
    }
    String found = ExecutorMemory.format(memory.overheadBytes()) + (memory.overheadSet() ? ""
        : " (Spark's default: the larger of 384m and spark.executor.memoryOverheadFactor x spark.executor.memory "
            + ExecutorMemory.format(memory.heapBytes()) + ")");
    String allowed = "at least " + ExecutorMemory.format(need + ExecutorMemory.JVM_NATIVE_RESERVE) + ": "
        + memory.replicas() + " replica(s) of " + spec.arch() + " at training.batch-size " + batchSize + " need about "
        + ExecutorMemory.format(need) + " of native memory per executor, plus "
        + ExecutorMemory.format(ExecutorMemory.JVM_NATIVE_RESERVE) + " for the JVM and ND4J's libraries; raise "
        + "spark.executor.memoryOverhead (or lower training.batch-size, or spark.executor.cores; the estimate is "
        + "rough: cluster.memory-check = false skips it)";
    throw new ConfigException("spark.executor.memoryOverhead", found, allowed);
  }
}
