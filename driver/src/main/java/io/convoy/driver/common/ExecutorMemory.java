package io.convoy.driver.common;

import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * An executor's memory as Spark sizes its container, and the ND4J off-heap limits convoy
 * derives from it. ND4J keeps every array (parameters, gradients, optimizer state, activations)
 * outside the Java heap, in the container's {@code spark.executor.memoryOverhead}. Without
 * limits JavaCPP allows itself as much as the heap again and the cluster manager kills the
 * container; with them ND4J fails with an OutOfMemoryError that names the limit.
 *
 * @param heapBytes {@code spark.executor.memory}
 * @param overheadBytes {@code spark.executor.memoryOverhead}, or Spark's default for it
 * @param overheadSet whether the overhead was set (else it is Spark's default)
 * @param replicas tasks (so replicas) one executor runs at once:
 *     {@code spark.executor.cores / spark.task.cpus}, 1 where the cores are not set
 */
record ExecutorMemory(long heapBytes, long overheadBytes, boolean overheadSet, int replicas) {
  static final long MIB = 1024L * 1024;
  /** Spark's floor for the default overhead. */
  static final long MIN_OVERHEAD = 384 * MIB;
  /**
   * Native memory of the JVM and Spark besides ND4J's arrays (metaspace, thread stacks, Netty's
   * direct buffers, the JIT) and ND4J's own fixed share (its and oneDNN's libraries and caches,
   * measured at 80 to 210 MB): kept out of what replicas may use.
   */
  static final long JVM_NATIVE_RESERVE = 512 * MIB;

  static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
  static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

  static ExecutorMemory of(SparkConf conf) {
    long heap = conf.getSizeAsMb("spark.executor.memory", "1g") * MIB;
    boolean set = conf.contains("spark.executor.memoryOverhead");
    long overhead;
    if (set) {
      overhead = conf.getSizeAsMb("spark.executor.memoryOverhead", "384m") * MIB;
    } else {
      double factor = conf.getDouble("spark.executor.memoryOverheadFactor", 0.10);
      overhead = Math.max(MIN_OVERHEAD, (long) (factor * heap));
    }
    int replicas = 1;
    if (conf.contains("spark.executor.cores")) {
      replicas = Math.max(1, conf.getInt("spark.executor.cores", 1) / Math.max(1, conf.getInt("spark.task.cpus", 1)));
    }
    return new ExecutorMemory(heap, overhead, set, replicas);
  }

  /** What replicas may allocate off-heap: the overhead less the JVM's and ND4J's fixed native memory. */
  long maxBytes() {
    return Math.max(0, overheadBytes - JVM_NATIVE_RESERVE);
  }

  /** The whole process's limit: the container (heap plus overhead). */
  long maxPhysicalBytes() {
    return heapBytes + overheadBytes;
  }

  /** The executor JVM flags for these limits, for {@code spark.executor.extraJavaOptions}. */
  String javaOptions() {
    return "-D" + MAX_BYTES + "=" + maxBytes() + " -D" + MAX_PHYSICAL_BYTES + "=" + maxPhysicalBytes();
  }

  /**
   * {@code existing} executor flags plus these limits, unless the user already set either
   * limit (theirs win, both stay as given).
   */
  String withLimits(String existing) {
    if (existing.contains(MAX_BYTES) || existing.contains(MAX_PHYSICAL_BYTES)) {
      return existing;
    }
    return existing.isBlank() ? javaOptions() : existing + " " + javaOptions();
  }

  static String format(long bytes) {
    return bytes >= 1024 * MIB ? String.format(Locale.ROOT, "%.1fg", bytes / (1024.0 * MIB))
        : String.format(Locale.ROOT, "%dm", (bytes + MIB - 1) / MIB);
  }
}
