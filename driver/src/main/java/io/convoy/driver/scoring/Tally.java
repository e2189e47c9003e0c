package io.convoy.driver.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What a partition of predictions adds up to, summed over partitions in one Spark job after the
 * table is written: images scored, those whose true class came first or among the first five,
 * and the skipped images as {@code path<TAB>reason}. A plain class: Spark's Kryo cannot write records.
 */
final class Tally implements Serializable {
  private long scored;
  private long top1;
  private long top5;
  private final ArrayList<String> skipped = new ArrayList<>();

  /** The tally of rows of {@link PredictionTable#KEPT}. */
  static Tally of(Iterator<Row> rows) {
    Tally t = new Tally();
    while (rows.hasNext()) {
      Row r = rows.next();
      if (!r.isNullAt(PredictionTable.PROBLEM_INDEX)) {
        t.skipped.add(r.getString(0) + "\t" + r.getString(PredictionTable.PROBLEM_INDEX));
        continue;
      }
      int rank = r.getInt(PredictionTable.TRUE_RANK_INDEX);
      t.scored++;
      t.top1 += rank == 0 ? 1 : 0;
      t.top5 += rank >= 0 && rank < 5 ? 1 : 0;
    }
    return t;
  }

  Tally plus(Tally other) {
    Tally sum = new Tally();
    sum.scored = scored + other.scored;
    sum.top1 = top1 + other.top1;
    sum.top5 = top5 + other.top5;
    sum.skipped.addAll(skipped);
    sum.skipped.addAll(other.skipped);
    return sum;
  }

  long scored() {
    return scored;
  }

  long top1() {
    return top1;
  }

  long top5() {
    return top5;
  }

  List<String> skipped() {
    return skipped;
  }
}
