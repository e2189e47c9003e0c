package io.convoy.driver.scoring;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * What the tasks of {@code predict --data}'s one job add up, as Spark accumulators: images scored,
 * those whose true class came first or among the first five, and the skipped images as
 * {@code path<TAB>reason}. Counted while the table is written, so no second pass over the images.
 * Exact: the tasks update them in the job's result stage, whose updates Spark merges once per
 * partition even when a task is retried or run speculatively.
 */
final class PredictionCounts implements Serializable {
  private final LongAccumulator scored;
  private final LongAccumulator top1;
  private final LongAccumulator top5;
  private final CollectionAccumulator<String> skipped;

  private PredictionCounts(SparkContext sc) {
    scored = sc.longAccumulator("images scored");
    top1 = sc.longAccumulator("true class first");
    top5 = sc.longAccumulator("true class in the first five");
    skipped = sc.collectionAccumulator("images skipped");
  }

  static PredictionCounts register(SparkContext sc) {
    return new PredictionCounts(sc);
  }

  /** Counts one image (in a task). */
  void add(Prediction p) {
    if (!p.scored()) {
      skipped.add(p.path() + "\t" + p.problem());
      return;
    }
    scored.add(1);
    top1.add(p.trueRank() == 0 ? 1 : 0);
    top5.add(p.trueRank() >= 0 && p.trueRank() < 5 ? 1 : 0);
  }

  long scored() {
    return scored.value();
  }

  long top1() {
    return top1.value();
  }

  long top5() {
    return top5.value();
  }

  /** The skipped images, {@code path<TAB>reason}. */
  List<String> skipped() {
    return List.copyOf(skipped.value());
  }
}
