package io.convoy.driver.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.TrainingPlan;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Sizing ND4J's limits from YARN's and Kubernetes' executor containers, and refusing jobs that cannot fit. */
class ExecutorMemoryTest {
  private static final long MIB = ExecutorMemory.MIB;

  private static SparkConf conf(String... keyValues) {
    SparkConf conf = new SparkConf(false).set("spark.master", "yarn");
    for (int i = 0; i < keyValues.length; i += 2) {
      conf.set(keyValues[i], keyValues[i + 1]);
    }
    return conf;
  }

  private static ModelSpec spec(String arch, int size, String optimizer) {
    ConvoyConfig c = ConfigLoader.load(null, List.of("model.arch=" + arch, "optimizer.name=" + optimizer));
    return new ModelSpec(c.model(), new InputShape(size, size, 3), 10, c.optimizer(), TrainingPlan.SINGLE);
  }

  @Test
  void sparkDefaultsGiveTheMinimumOverhead() {
    ExecutorMemory m = ExecutorMemory.of(conf());
    assertEquals(1024 * MIB, m.heapBytes());
    assertEquals(384 * MIB, m.overheadBytes()); // max(384m, 10% of 1g)
    assertFalse(m.overheadSet());
    assertEquals(1, m.replicas());
    assertEquals(0, m.maxBytes(), "Spark's default overhead leaves nothing once the JVM and ND4J have theirs");
    assertEquals(1408 * MIB, m.maxPhysicalBytes());
  }

  @Test
  void overheadFollowsTheFactorOrAnExplicitValueAndReplicasTheCores() {
    ExecutorMemory byFactor = ExecutorMemory.of(conf("spark.executor.memory", "20g",
        "spark.executor.memoryOverheadFactor", "0.2", "spark.executor.cores", "8", "spark.task.cpus", "2"));
    assertEquals(4096 * MIB, byFactor.overheadBytes());
    assertEquals(4, byFactor.replicas());
    assertEquals(4096 * MIB - ExecutorMemory.JVM_NATIVE_RESERVE, byFactor.maxBytes());
    // Without a unit Spark reads these two settings as MiB.
    ExecutorMemory explicit = ExecutorMemory.of(conf("spark.executor.memory", "4096",
        "spark.executor.memoryOverhead", "3000"));
    assertEquals(4096 * MIB, explicit.heapBytes());
    assertEquals(3000 * MIB, explicit.overheadBytes());
    assertTrue(explicit.overheadSet());
    assertEquals((4096 + 3000) * MIB, explicit.maxPhysicalBytes());
  }

  @Test
  void limitsAreAddedToExecutorFlagsUnlessTheUserSetThem() {
    SparkConf c = conf("spark.executor.memoryOverhead", "2g", "spark.executor.extraJavaOptions", "-Dfoo=1");
    MemoryCheck.limitExecutors(c);
    String flags = c.get("spark.executor.extraJavaOptions");
    assertTrue(flags.startsWith("-Dfoo=1 -Dorg.bytedeco.javacpp.maxbytes=" + (2048 * MIB - ExecutorMemory.JVM_NATIVE_RESERVE)
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + (3072 * MIB)), flags);
    SparkConf mine = conf("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=5G");
    MemoryCheck.limitExecutors(mine);
    assertEquals("-Dorg.bytedeco.javacpp.maxbytes=5G", mine.get("spark.executor.extraJavaOptions"));
    SparkConf k8s = conf("spark.master", "k8s://https://api:6443", "spark.executor.memoryOverhead", "1g");
    MemoryCheck.limitExecutors(k8s);
    assertTrue(k8s.get("spark.executor.extraJavaOptions").contains("maxphysicalbytes=" + 2048 * MIB));
    for (String master : List.of("local[2]", "spark://host:7077")) {
      SparkConf unlimited = new SparkConf(false).set("spark.master", master);
      MemoryCheck.limitExecutors(unlimited);
      assertFalse(unlimited.contains("spark.executor.extraJavaOptions"), master + " enforces no container limit");
    }
  }

  @Test
  void estimateCountsParameterVectorsAndActivations() {
    ModelSpec sgd = spec("simple-cnn", 32, "sgd");
    ModelSpec adam = spec("simple-cnn", 32, "adam");
    long params = ModelSummary.of(sgd).dl4jParams();
    // Adam keeps two more parameter-sized vectors than plain SGD; activations are the same.
    assertEquals(2 * params * Float.BYTES, ReplicaMemory.bytes(adam, 32) - ReplicaMemory.bytes(sgd, 32));
    // Past evaluation's batch, activations grow linearly with the training batch.
    long b64 = ReplicaMemory.bytes(sgd, 64);
    long b128 = ReplicaMemory.bytes(sgd, 128);
    long b256 = ReplicaMemory.bytes(sgd, 256);
    assertEquals(b256 - b128, 2 * (b128 - b64));
    // Activations count the input and every layer's output, as their shapes read ("3x32x32" -> 3,072; "10" -> 10).
    ModelSummary summary = ModelSummary.of(sgd);
    long fromShapes = 3 * 32 * 32;
    for (ModelSummary.Layer layer : summary.layers()) {
      long n = 1;
      for (String part : layer.outputShape().split("x")) {
        n *= Long.parseLong(part);
      }
      assertEquals(n, layer.outputElements(), layer.name() + " " + layer.outputShape());
      fromShapes += n;
    }
    assertEquals(fromShapes, summary.outputElements());
  }

  @Test
  void aJobThatCannotFitFailsNamingTheSettingToRaise() {
    ModelSpec resnet = spec("resnet50", 224, "nesterov");
    ConfigException e = assertThrows(ConfigException.class,
        () -> MemoryCheck.require(conf("spark.executor.memory", "8g", "spark.executor.cores", "2"), resnet, 64));
    String message = e.getMessage();
    assertTrue(message.contains("spark.executor.memoryOverhead: found 820m (Spark's default"), message);
    assertTrue(message.contains("cluster.memory-check = false"), message);
    assertTrue(message.contains("2 replica(s) of resnet50 at training.batch-size 64"), message);
    long need = 2 * ReplicaMemory.bytes(resnet, 64) + ExecutorMemory.JVM_NATIVE_RESERVE;
    assertTrue(message.contains("at least " + ExecutorMemory.format(need)), message);
    // Raising the overhead to what the message asks for makes it fit.
    assertDoesNotThrow(() -> MemoryCheck.require(conf("spark.executor.memory", "8g", "spark.executor.cores", "2",
        "spark.executor.memoryOverhead", (need + MIB - 1) / MIB + "m"), resnet, 64));
    // A small network fits in a modest overhead; local mode and standalone clusters are not checked.
    assertDoesNotThrow(() -> MemoryCheck.require(conf("spark.executor.memoryOverhead", "1g"),
        spec("simple-cnn", 32, "nesterov"), 32));
    for (String master : List.of("local[2]", "spark://host:7077")) {
      assertDoesNotThrow(() -> MemoryCheck.require(new SparkConf(false).set("spark.master", master), resnet, 64));
    }
  }
}
