package io.convoy.ml;

import io.convoy.pipeline.codec.ImageDecodeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition's rows in minibatches with the eval pipeline stored in the model: each
 * row comes back with its prediction, probabilities, log-probabilities and (with top-k) its k
 * most probable classes; a row whose image does not decode gets nulls there.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  static final int BATCH = 32;

  private final String modelKey;
  private final Broadcast<byte[]> zip;
  private final String uri;
  private final ImageInput input;
  private final int imageIndex;
  private final List<String> labels;
  private final int topK;

  PartitionScorer(String modelKey, Broadcast<byte[]> zip, String uri, ImageInput input, int imageIndex,
      List<String> labels, int topK) {
    this.modelKey = modelKey;
    this.zip = zip;
    this.uri = uri;
    this.input = input;
    this.imageIndex = imageIndex;
    this.labels = List.copyOf(labels);
    this.topK = topK;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private final Deque<Row> scored = new ArrayDeque<>();
      private ExecutorModels.Scorer scorer;

      @Override
      public boolean hasNext() {
        while (scored.isEmpty() && rows.hasNext()) {
          if (scorer == null) {
            scorer = ExecutorModels.borrow(modelKey, zip::value, uri);
          }
          scoreBatch(scorer, rows, scored);
        }
        if (scored.isEmpty() && scorer != null) {
          ExecutorModels.giveBack(modelKey, scorer);
          scorer = null;
        }
        return !scored.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return scored.poll();
      }
    };
  }

  private void scoreBatch(ExecutorModels.Scorer scorer, Iterator<Row> rows, Deque<Row> out) {
    int length = scorer.pipeline().tensorLength();
    List<Row> batch = new ArrayList<>(BATCH);
    List<float[]> tensors = new ArrayList<>(BATCH);
    while (batch.size() < BATCH && rows.hasNext()) {
      Row row = rows.next();
      batch.add(row);
      try {
        tensors.add(scorer.pipeline().toTensor(input.encoded(row, imageIndex)));
      } catch (ImageDecodeException e) {
        tensors.add(null);
      }
    }
    int decoded = (int) tensors.stream().filter(t -> t != null).count();
    float[] features = new float[decoded * length];
    int n = 0;
    for (float[] t : tensors) {
      if (t != null) {
        System.arraycopy(t, 0, features, n++ * length, length);
      }
    }
    float[] probabilities = decoded == 0 ? new float[0] : scorer.replica().predict(features, decoded);
    int classes = scorer.classes();
    int at = 0;
    for (int i = 0; i < batch.size(); i++) {
      float[] p = null;
      if (tensors.get(i) != null) {
        p = Arrays.copyOfRange(probabilities, at * classes, (at + 1) * classes);
        at++;
      }
      out.add(withOutputs(batch.get(i), p));
    }
  }

  private Row withOutputs(Row row, float[] p) {
    int width = row.length();
    Object[] values = new Object[width + 3 + (topK > 0 ? 1 : 0)];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    if (p != null) {
      double[] probability = new double[p.length];
      double[] raw = new double[p.length];
      int best = 0;
      for (int c = 0; c < p.length; c++) {
        probability[c] = p[c];
        raw[c] = Math.log(p[c]);
        if (p[c] > p[best]) {
          best = c;
        }
      }
      values[width] = (double) best;
      values[width + 1] = Vectors.dense(probability);
      values[width + 2] = Vectors.dense(raw);
      if (topK > 0) {
        values[width + 3] = top(probability);
      }
    }
    return RowFactory.create(values);
  }

  /** The k most probable classes, most probable first (ties: the lower index first). */
  private Row[] top(double[] probability) {
    Integer[] order = new Integer[probability.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> Double.compare(probability[b], probability[a]));
    Row[] top = new Row[Math.min(topK, order.length)];
    for (int i = 0; i < top.length; i++) {
      top[i] = RowFactory.create(labels.get(order[i]), probability[order[i]]);
    }
    return top;
  }
}
