package io.convoy.driver.common;

import io.convoy.conf.ConvoyConfig;
import io.convoy.worker.ConvoyKryoRegistrator;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The one place convoy creates a SparkContext, with the settings its jobs rely on. */
public final class SparkContexts {
  private SparkContexts() {}

  public static JavaSparkContext create(ConvoyConfig config, String appName) {
    return new JavaSparkContext(conf(config, appName));
  }

  /**
   * The settings of {@link #create}'s contexts, for a Spark application that creates its own:
   * the system properties spark-submit sets, then convoy's where they are missing.
   */
  public static SparkConf conf(ConvoyConfig config, String appName) {
    SparkConf conf = new SparkConf().setAppName(appName).setMaster(master(config));
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    String threads = String.valueOf(config.cluster().threadsPerWorker());
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .setIfMissing("spark.kryo.registrator", ConvoyKryoRegistrator.class.getName())
        .setIfMissing("spark.kryoserializer.buffer.max", "1g")
        // Every round is a short job: waiting for locality costs more than it saves.
        .setIfMissing("spark.locality.wait", "0")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", threads)
        // libnd4j's thread pool, sized when it loads (else from OMP_NUM_THREADS): room for every
        // replica of an executor; each operation takes threads-per-worker of it (NativeThreads)
        .setIfMissing("spark.executorEnv.SD_MAX_THREADS", String.valueOf(Math.max(
            config.cluster().threadsPerWorker(), conf.getInt("spark.executor.cores", Runtime.getRuntime().availableProcessors()))))
        .setIfMissing("spark.task.maxFailures", "4")
        // glibc's allocator keeping what it frees, as the launchers set it (see submit/convoy):
        // otherwise each step faults its large tensors in again, page by page.
        .setIfMissing("spark.executorEnv.MALLOC_ARENA_MAX", "1")
        .setIfMissing("spark.executorEnv.MALLOC_MMAP_MAX_", "0")
        .setIfMissing("spark.executorEnv.MALLOC_TRIM_THRESHOLD_", "68719476736")
        // and in transparent huge pages: a first step's faults, 4 KB at a time, were seconds
        .setIfMissing("spark.executorEnv.GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")
        // OpenBLAS's workers sleep at once after a call instead of spinning for 0.1 s on the cores
        // the replicas' OpenMP threads need (see submit/native-env.sh).
        .setIfMissing("spark.executorEnv.OPENBLAS_THREAD_TIMEOUT", "4")
        // Round results (parameters and updater state) are megabytes: return them with the
        // task's status message instead of a block-manager round trip (Spark caps this at
        // spark.rpc.message.maxSize).
        .setIfMissing("spark.task.maxDirectResultSize", "120m");
    MemoryCheck.limitExecutors(conf);
    return conf;
  }

  /** The master a context for {@code config} gets: spark-submit's {@code --master} wins over cluster.master. */
  public static String master(ConvoyConfig config) {
    return System.getProperty("spark.master", config.cluster().master());
  }

  /**
   * Whether {@code master} runs the executors in the driver's JVM: {@code local} and
   * {@code local[N]}, not {@code local-cluster}, whose executors are processes of their own.
   */
  public static boolean inDriverJvm(String master) {
    return master.startsWith("local") && !master.startsWith("local-cluster");
  }

  /** The Spark UI's address when the driver runs here (local mode) and the UI is on. */
  public static Optional<String> uiAddress(JavaSparkContext sc) {
    if (!sc.master().startsWith("local") || !sc.sc().uiWebUrl().isDefined()) {
      return Optional.empty();
    }
    return Optional.of(sc.sc().uiWebUrl().get());
  }
}
