package io.convoy.driver.scoring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Scores a stream of items (a partition's samples or rows) batch by batch as it is consumed, so
 * a task holds one batch of images at a time, never its whole partition: the shape of a narrow
 * transformation such as {@code mapPartitions}.
 */
public final class PartitionScoring {
  /**
   * Images per forward pass at most: enough to amortize a pass on small images; large ones take
   * fewer ({@link ScoringModel#batch}), to keep a batch's tensors small.
   */
  public static final int BATCH = 64;

  /** One item and what scoring made of its image. */
  public record Scored<T>(T item, ScoredImage image) {}

  private PartitionScoring() {}

  /**
   * @param image the encoded bytes of an item's image
   * @return the items in order, each with its result
   */
  public static <T> Iterator<Scored<T>> score(ScoringModel model, Iterator<T> items, Function<T, byte[]> image,
      int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch " + batch + ": expected at least 1");
    }
    return new Iterator<>() {
      private final List<Scored<T>> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        List<T> chunk = new ArrayList<>(batch);
        while (chunk.size() < batch && items.hasNext()) {
          chunk.add(items.next());
        }
        if (chunk.isEmpty()) {
          return false;
        }
        List<ScoredImage> results = model.score(chunk.stream().map(image).toList());
        for (int i = 0; i < chunk.size(); i++) {
          ready.add(new Scored<>(chunk.get(i), results.get(i)));
        }
        return true;
      }

      @Override
      public Scored<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }
    };
  }
}
