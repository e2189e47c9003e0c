package io.convoy.driver.engine;

import io.convoy.conf.ConfigException;
import io.convoy.driver.common.SparkContexts;
import org.apache.spark.SparkContext;

/**
 * Whether the cluster can run a barrier stage of all workers at once, checked before training
 * starts: Spark would otherwise retry a barrier job that cannot be scheduled for minutes
 * ({@code spark.scheduler.barrier.maxConcurrentTasksCheck.*}) and then fail with a message that
 * names none of convoy's settings.
 */
final class BarrierSlots {
  private BarrierSlots() {}

  /**
   * Null when {@code workers} tasks fit at once; otherwise why not, naming the settings to change.
   * On a cluster, waits up to {@code waitMillis} for executors to register.
   */
  static String problem(SparkContext sc, int workers, long waitMillis) {
    if (sc.conf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      return "the allreduce transport needs a fixed set of executors, but spark.dynamicAllocation.enabled is "
          + "true: set it to false, or set training.transport = jobs";
    }
    boolean local = SparkContexts.inDriverJvm(sc.master());
    long deadline = System.nanoTime() + (local ? 0 : waitMillis * 1_000_000L);
    int slots = slots(sc);
    while (slots < workers && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      slots = slots(sc);
    }
    if (slots >= workers) {
      return null;
    }
    return "the allreduce transport runs all " + workers + " workers at once, but the cluster has " + slots
        + " task slot" + (slots == 1 ? "" : "s") + ": lower training.workers to " + Math.max(1, slots)
        + ", give the job more executor cores (spark.executor.cores, spark.cores.max, local[N]), "
        + "or set training.transport = jobs (training.allreduce.fallback-to-jobs = true does so automatically)";
  }

  /** Task slots of the default resource profile (executor cores / spark.task.cpus, summed). */
  static int slots(SparkContext sc) {
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  /** The problem as a configuration error (exit status 2, key named). */
  static ConfigException asConfigError(int workers, String problem) {
    return new ConfigException("training.workers", String.valueOf(workers), problem);
  }
}
