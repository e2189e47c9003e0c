package io.convoy.driver.scoring;

import io.convoy.worker.data.EncodedSample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Scores one partition of images into rows of {@link PredictionTable}, batch by batch, with this
 * executor's cached copy of the model; an image that cannot be read or decoded gets no row and is
 * counted instead.
 */
final class PredictTask implements FlatMapFunction<Iterator<EncodedSample>, Row> {
  private final ModelHandle model;
  private final int threads;
  private final int top;
  private final boolean labelled;
  private final PredictionCounts counts;

  /**
   * @param threads linear-algebra threads of this task ({@code cluster.threads-per-worker})
   * @param top classes listed per image
   * @param labelled whether rows carry the true class
   */
  PredictTask(ModelHandle model, int threads, int top, boolean labelled, PredictionCounts counts) {
    this.model = model;
    this.threads = threads;
    this.top = top;
    this.labelled = labelled;
    this.counts = counts;
  }

  @Override
  public Iterator<Row> call(Iterator<EncodedSample> samples) {
    ScoringModel scoring = model.forTask(threads);
    List<String> labels = scoring.labels();
    Iterator<PartitionScoring.Scored<EncodedSample>> scored =
        PartitionScoring.score(scoring, samples, EncodedSample::bytes, scoring.batch());
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && scored.hasNext()) {
          PartitionScoring.Scored<EncodedSample> s = scored.next();
          Prediction p = prediction(s.item(), s.image(), labels);
          counts.add(p);
          if (p.scored()) {
            next = PredictionTable.row(p, labelled);
          }
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }
  private Prediction prediction(EncodedSample sample, ScoredImage image, List<String> labels) {
    String truth = sample.label() == ScoringInput.UNLABELLED ? null : labels.get(sample.label());
    if (sample.unreadable() != null) {
      return Prediction.skipped(sample.path(), truth, sample.unreadable());
    }
    if (!image.decoded()) {
      return Prediction.skipped(sample.path(), truth, image.problem());
    }
    float[] p = image.probabilities();
    int[] best = ClassRanking.top(p, top);
    List<String> classes = new ArrayList<>(best.length);
    List<Float> probabilities = new ArrayList<>(best.length);
    for (int c : best) {
      classes.add(labels.get(c));
      probabilities.add(p[c]);
    }
    int rank = truth == null ? -1 : ClassRanking.rank(p, sample.label());
    return new Prediction(sample.path(), classes.get(0), probabilities.get(0), classes, probabilities, truth, rank,
        null);
  }
}
