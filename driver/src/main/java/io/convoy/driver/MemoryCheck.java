package io.convoy.driver;

import io.convoy.conf.ConfigException;
import io.convoy.model.ModelSpec;
import org.apache.spark.SparkConf;

/**
 * Refuses, before the first job, a cluster run whose replicas cannot fit in their executors'
 * off-heap memory, naming the setting to raise; otherwise the cluster manager would kill
 * containers mid-run with a message about physical memory that mentions neither ND4J nor convoy.
 */
final class MemoryCheck {
  private MemoryCheck() {}

  /**
   * Executors' JVM flags with ND4J's limits (see {@link ExecutorMemory}), set on {@code conf}
   * before the SparkContext starts. Local mode runs tasks in the driver JVM: nothing to set.
   */
  static void limitExecutors(SparkConf conf) {
    if (conf.get("spark.master", "local").startsWith("local")) {
      return;
    }
    String key = "spark.executor.extraJavaOptions";
    conf.set(key, ExecutorMemory.of(conf).withLimits(conf.get(key, "")));
  }

  /**
   * @throws ConfigException naming {@code spark.executor.memoryOverhead} when the executors'
   *     replicas need more than it leaves ND4J
   */
  static void require(SparkConf conf, ModelSpec spec, int batchSize) {
    if (conf.get("spark.master", "local").startsWith("local")) {
      return;
    }
    require(ExecutorMemory.of(conf), spec, batchSize);
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
        + ExecutorMemory.format(need) + " of ND4J off-heap memory per executor, plus "
        + ExecutorMemory.format(ExecutorMemory.JVM_NATIVE_RESERVE) + " for the JVM; raise "
        + "spark.executor.memoryOverhead (or lower training.batch-size, or spark.executor.cores)";
    throw new ConfigException("spark.executor.memoryOverhead", found, allowed);
  }
}
