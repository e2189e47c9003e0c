package io.convoy.worker.replica;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Fails a task on purpose, for tests of Spark's retry path: with the Spark setting
 * {@code spark.convoy.test.fail-round=N}, the first attempt of shard 0 in round N throws after
 * it has trained (its replica already changed), as a crash mid-round would. Off by default.
 * "First" also means the first attempt of the stage: a barrier stage (allreduce transport) is
 * retried as a new stage attempt whose tasks count attempts from 0 again. With
 * {@code spark.convoy.test.progress-channel=off}, an allreduce epoch's rank 0 does not reach the
 * driver's progress channel, as when the driver cannot be reached from the executors.
 */
public final class FaultInjection {
  static final String FAIL_ROUND = "spark.convoy.test.fail-round";
  static final String PROGRESS_CHANNEL = "spark.convoy.test.progress-channel";

  private FaultInjection() {}

  /** Whether rank 0 is to train as if the driver's progress channel could not be reached. */
  public static boolean progressChannelOff() {
    SparkEnv env = SparkEnv.get();
    return env != null && env.conf().get(PROGRESS_CHANNEL, "on").equals("off");
  }

  public static void maybeFail(int round, int shard) {
    SparkEnv env = SparkEnv.get();
    TaskContext task = TaskContext.get();
    if (env == null || task == null || shard != 0 || task.attemptNumber() != 0
        || task.stageAttemptNumber() != 0) {
      return;
    }
    if (Integer.parseInt(env.conf().get(FAIL_ROUND, "-1")) == round) {
      throw new IllegalStateException("injected failure in round " + (round + 1) + " (" + FAIL_ROUND + ")");
    }
  }
}
