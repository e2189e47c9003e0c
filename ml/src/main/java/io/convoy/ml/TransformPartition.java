package io.convoy.ml;

import io.convoy.driver.scoring.ClassRanking;
import io.convoy.driver.scoring.ModelHandle;
import io.convoy.driver.scoring.PartitionScoring;
import io.convoy.driver.scoring.ScoredImage;
import io.convoy.driver.scoring.ScoringModel;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link ConvoyClassificationModel#transform}'s work on one partition: the rows' images go through
 * the driver's scoring (this executor JVM's cached model, batches of up to
 * {@link PartitionScoring#BATCH} as {@link ScoringModel#batch} sizes them, the eval pipeline stored
 * in the model), and each row comes back
 * with its prediction, probabilities, log-probabilities and (with top-k) its k most probable
 * classes; a row whose image does not decode gets nulls there. Like {@code convoy predict --data}'s
 * tasks, it caps the native threads it scores with ({@link ModelHandle#forTask}).
 */
final class TransformPartition implements MapPartitionsFunction<Row, Row> {
  private final ModelHandle model;
  private final int threads;
  private final ImageInput input;
  private final int imageIndex;
  private final int topK;

  /** @param threads native (ND4J, OpenMP, OpenBLAS) threads per task: the task's cores */
  TransformPartition(ModelHandle model, int threads, ImageInput input, int imageIndex, int topK) {
    this.model = model;
    this.threads = threads;
    this.input = input;
    this.imageIndex = imageIndex;
    this.topK = topK;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ScoringModel scoring = model.forTask(threads);
    List<String> labels = scoring.labels();
    // An image struct is scored as PNG bytes (ImageInput.encoded): its exact pixels, through the same decoders.
    Iterator<PartitionScoring.Scored<Row>> scored =
        PartitionScoring.score(scoring, rows, row -> input.encoded(row, imageIndex), scoring.batch());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return scored.hasNext();
      }

      @Override
      public Row next() {
        PartitionScoring.Scored<Row> s = scored.next();
        return withOutputs(s.item(), s.image(), labels);
      }
    };
  }

  private Row withOutputs(Row row, ScoredImage image, List<String> labels) {
    int width = row.length();
    Object[] values = new Object[width + 3 + (topK > 0 ? 1 : 0)];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    if (image.decoded()) {
      float[] p = image.probabilities();
      double[] probability = new double[p.length];
      double[] raw = new double[p.length];
      for (int c = 0; c < p.length; c++) {
        probability[c] = p[c];
        raw[c] = Math.log(p[c]);
      }
      int[] ranked = ClassRanking.top(p, Math.max(topK, 1));
      values[width] = (double) ranked[0];
      values[width + 1] = Vectors.dense(probability);
      values[width + 2] = Vectors.dense(raw);
      if (topK > 0) {
        Row[] top = new Row[ranked.length];
        for (int i = 0; i < ranked.length; i++) {
          top[i] = RowFactory.create(labels.get(ranked[i]), probability[ranked[i]]);
        }
        values[width + 3] = top;
      }
    }
    return RowFactory.create(values);
  }
}
