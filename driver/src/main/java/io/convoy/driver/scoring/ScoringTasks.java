package io.convoy.driver.scoring;

/**
 * How many Spark tasks {@code convoy predict --data} splits its images into: one per task slot,
 * in as few waves as the size bound allows.
 *
 * <p>Why not more: a task costs far more than a launch. Measured in {@code local[2]} on 6,000
 * 32x32 images, every task added about 60 ms of CPU (about 35 ms in the task's thread: deserializing
 * the task and its two Hadoop configurations, opening and committing its output file, a partial
 * last batch; about 25 ms in the {@code chmod} processes Hadoop's local file system spawns for the
 * task's folder, part file and checksum file), so 8 tasks instead of 2 cost about 6% of the job's
 * CPU. Equal tasks on equal slots finish together, so one task per slot leaves no slot idle at the
 * end; waves are whole multiples of the slots for the same reason (5 tasks on 2 slots would leave
 * one slot idle through the third wave). Slower executors in a cluster are what
 * {@code spark.speculation} is for.
 */
final class ScoringTasks {
  /** A failed task is retried whole: above this, a partition is split into another wave. */
  static final int MAX_IMAGES_PER_TASK = 20_000;

  private ScoringTasks() {}

  /**
   * @param parallelism the task slots ({@code SparkContext.defaultParallelism})
   * @return the partitions for {@code images} images: a multiple of the slots (fewer only when
   *     there are fewer images than slots), each with at most {@value #MAX_IMAGES_PER_TASK} images
   */
  static int count(int images, int parallelism) {
    int slots = Math.max(1, parallelism);
    if (images <= slots) {
      return Math.max(1, images);
    }
    long perWave = (long) slots * MAX_IMAGES_PER_TASK;
    int waves = (int) ((images + perWave - 1) / perWave);
    return slots * waves;
  }
}
