package io.convoy.ml;

import io.convoy.conf.ConfigException;
import io.convoy.driver.api.LabelledRows;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.worker.data.EncodedSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A DataFrame's image rows as the training job takes them: the keys and labels collected to the
 * driver (a pass over those columns alone: binaryFile then reads no file contents), and the rows'
 * bytes as an RDD that the run routes to their shards by key.
 */
final class LabelledDataFrame {
  private LabelledDataFrame() {}

  static LabelledRows of(Dataset<Row> rows, ImageInput input, Labels labels, String labelCol) {
    Dataset<Row> keyed = rows.select(input.key(), functions.col(labelCol));
    List<Sample> keys = new ArrayList<>();
    for (Row r : keyed.collectAsList()) {
      if (r.isNullAt(0)) {
        throw new ConfigException("pathCol", "a row with no key (null)", "a unique, non-null key in every row");
      }
      keys.add(new Sample(r.getString(0), labels.index(r, 1, r.getString(0))));
    }
    JavaRDD<EncodedSample> bytes = rows.select(input.key(), functions.col(labelCol), input.image()).javaRDD()
        .map(r -> new EncodedSample(r.getString(0), labels.index(r, 1, r.getString(0)), input.encoded(r, 2)));
    return new LabelledRows(commonFolder(keys), labels.classes(), keys, bytes);
  }

  /** The longest folder all keys lie under (the dataset's root in the run's outputs), or "rows". */
  static String commonFolder(List<Sample> keys) {
    if (keys.isEmpty()) {
      return "rows";
    }
    String prefix = keys.get(0).path();
    for (Sample s : keys) {
      int n = 0;
      while (n < prefix.length() && n < s.path().length() && prefix.charAt(n) == s.path().charAt(n)) {
        n++;
      }
      prefix = prefix.substring(0, n);
    }
    int slash = prefix.lastIndexOf('/');
    return slash > 0 ? prefix.substring(0, slash) : "rows";
  }
}
