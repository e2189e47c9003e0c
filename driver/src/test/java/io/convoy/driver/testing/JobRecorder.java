package io.convoy.driver.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Records the group and description of every Spark job started while it is registered through
 * {@code spark.extraListeners}, for tests of what the Spark UI shows.
 */
public final class JobRecorder extends SparkListener {
  /** A started job's group id and description. */
  public record Job(String group, String description) {}

  public static final List<Job> JOBS = new CopyOnWriteArrayList<>();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    var p = start.properties();
    JOBS.add(new Job(p.getProperty("spark.jobGroup.id"), p.getProperty("spark.job.description")));
  }
}
