package io.convoy.driver.scoring;

import io.convoy.worker.EncodedSample;
import io.convoy.worker.NativeThreads;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Scores one partition of images into rows of {@link PredictionTable#KEPT}, batch by batch, with this executor's
 * cached copy of the model.
 */
final class PredictTask implements FlatMapFunction<Iterator<EncodedSample>, Row> {
  private final ModelHandle model;
  private final int threads;
  private final int top;
  private final int batch;

  /**
   * @param threads linear-algebra threads of this task ({@code cluster.threads-per-worker})
   * @param top classes listed per image
   */
  PredictTask(ModelHandle model, int threads, int top, int batch) {
    this.model = model;
    this.threads = threads;
    this.top = top;
    this.batch = batch;
  }

  @Override
  public Iterator<Row> call(Iterator<EncodedSample> samples) {
    NativeThreads.limit(threads);
    ScoringModel scoring = model.scoringModel();
    List<String> labels = scoring.labels();
    Iterator<PartitionScoring.Scored<EncodedSample>> scored =
        PartitionScoring.score(scoring, samples, EncodedSample::bytes, batch);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return scored.hasNext();
      }

      @Override
      public Row next() {
        PartitionScoring.Scored<EncodedSample> s = scored.next();
        return PredictionTable.row(prediction(s.item(), s.image(), labels));
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
