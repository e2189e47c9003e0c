package io.convoy.driver.data;

import io.convoy.worker.data.EncodedSample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * At most {@code n} samples of a partition, evenly spaced through it: shards are grouped by
 * class in proportion (see Sharder), so the subset keeps every class's share, and it is the same
 * every epoch, as cached shards keep their order. For evaluating on part of the training set.
 */
public final class EvenSubset implements FlatMapFunction<Iterator<EncodedSample>, EncodedSample> {
  private final int n;

  public EvenSubset(int n) {
    this.n = n;
  }

  @Override
  public Iterator<EncodedSample> call(Iterator<EncodedSample> samples) {
    List<EncodedSample> all = new ArrayList<>();
    samples.forEachRemaining(all::add);
    return pick(all, n).iterator();
  }

  static <T> List<T> pick(List<T> all, int n) {
    if (all.size() <= n) {
      return all;
    }
    List<T> picked = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      picked.add(all.get((int) ((long) i * all.size() / n)));
    }
    return picked;
  }
}
