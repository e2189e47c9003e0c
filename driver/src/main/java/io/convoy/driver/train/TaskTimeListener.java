package io.convoy.driver.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Sums Spark's own task metrics over the training rounds' jobs: what tasks spent deserializing
 * (task closure and broadcast handles), serializing results, in GC, and how many failed. Spark
 * delivers these events asynchronously, so they are read once, for the run's summary.
 */
final class TaskTimeListener extends SparkListener {
  private final Map<Integer, Boolean> roundStages = new ConcurrentHashMap<>();
  private final LongAdder deserializeMillis = new LongAdder();
  private final LongAdder resultSerializeMillis = new LongAdder();
  private final LongAdder gcMillis = new LongAdder();
  private final LongAdder runMillis = new LongAdder();
  private final LongAdder failedTasks = new LongAdder();

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
    if (group != null && group.startsWith("convoy-round-")) {
      scala.collection.Iterator<Object> stages = job.stageIds().iterator();
      while (stages.hasNext()) {
        roundStages.put((Integer) stages.next(), Boolean.TRUE);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (!roundStages.containsKey(task.stageId())) {
      return;
    }
    if (!task.taskInfo().successful()) {
      failedTasks.increment();
    }
    TaskMetrics m = task.taskMetrics();
    if (m != null) {
      deserializeMillis.add(m.executorDeserializeTime());
      resultSerializeMillis.add(m.resultSerializationTime());
      gcMillis.add(m.jvmGCTime());
      runMillis.add(m.executorRunTime());
    }
  }

  double serializationSeconds() {
    return (deserializeMillis.sum() + resultSerializeMillis.sum()) / 1e3;
  }

  double gcSeconds() {
    return gcMillis.sum() / 1e3;
  }

  double taskRunSeconds() {
    return runMillis.sum() / 1e3;
  }

  long failedTasks() {
    return failedTasks.sum();
  }
}
