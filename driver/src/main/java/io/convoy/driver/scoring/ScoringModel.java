package io.convoy.driver.scoring;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.model.Replica;
import io.convoy.model.ScoringBatch;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model ready to score, shared by every thread of a JVM. A DL4J network serves one thread at a
 * time, so the model lends scorers out: one network is built when the model is, and another
 * only when more threads score at once than there are networks (at most one per concurrent task).
 */
public final class ScoringModel {
  private final ShippedModel model;
  private final int batch;
  private final Deque<ImageScorer> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger networks = new AtomicInteger();

  ScoringModel(ShippedModel model) {
    this.model = model;
    this.batch = ScoringBatch.of(model.spec(), PartitionScoring.BATCH);
    idle.push(newScorer());
  }

  /** A model for scoring in this process, outside Spark. */
  public static ScoringModel of(LoadedModel model) {
    return new ScoringModel(ShippedModel.of(model));
  }

  /** Class names, in the order of {@link ScoredImage#probabilities()}. */
  public List<String> labels() {
    return model.labels();
  }

  /**
   * Images per forward pass for this model ({@link ScoringBatch}): what callers that score many
   * images hand {@link #score} at a time.
   */
  public int batch() {
    return batch;
  }

  /** {@link ImageScorer#score} with a network no other thread uses meanwhile. */
  public List<ScoredImage> score(List<byte[]> images) {
    ImageScorer scorer = idle.poll();
    if (scorer == null) {
      scorer = newScorer();
    }
    try {
      return scorer.score(images);
    } finally {
      idle.push(scorer);
    }
  }

  /** Networks built for this model so far (at most the threads that scored with it at once). */
  public int networks() {
    return networks.get();
  }

  private ImageScorer newScorer() {
    networks.incrementAndGet();
    return new ImageScorer(Replica.withParameters(model.spec(), model.parameters()), model.pipeline());
  }
}
