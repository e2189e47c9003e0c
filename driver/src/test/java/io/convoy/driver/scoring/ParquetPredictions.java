package io.convoy.driver.scoring;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * {@link PredictionTable}'s rows written by one process without Spark, for
 * {@link PredictScalingBenchmark}'s single-process side: the same columns and values, in one
 * parquet file, through parquet-mr's own writer (snappy, as Spark's default).
 */
final class ParquetPredictions implements Closeable {
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory rows;
  private final List<String> labels;
  private final int top;
  private long top1;
  private long top5;

  /** @param labels the model's class names; rows carry a true class (the benchmark's inputs have one) */
  ParquetPredictions(String file, List<String> labels, int top, Configuration hadoop) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("message predictions {"
        + " required binary path (STRING); required binary predicted_class (STRING); required float probability;"
        + " required group top_classes (LIST) { repeated group list { required binary element (STRING); } }"
        + " required group top_probabilities (LIST) { repeated group list { required float element; } }"
        + " required binary true_class (STRING); }");
    this.writer = ExampleParquetWriter.builder(new Path(file)).withConf(hadoop).withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY).build();
    this.rows = new SimpleGroupFactory(schema);
    this.labels = labels;
    this.top = top;
  }

  /** One scored image's row, as {@code predict --data}'s tasks make it. */
  void write(String path, int trueLabel, float[] probabilities) throws IOException {
    int[] best = ClassRanking.top(probabilities, top);
    Group row = rows.newGroup().append("path", path).append("predicted_class", labels.get(best[0]))
        .append("probability", probabilities[best[0]]);
    Group classes = row.addGroup("top_classes");
    Group values = row.addGroup("top_probabilities");
    for (int c : best) {
      classes.addGroup("list").append("element", labels.get(c));
      values.addGroup("list").append("element", probabilities[c]);
    }
    row.append("true_class", labels.get(trueLabel));
    writer.write(row);
    // predict --data counts these for the accuracy it prints.
    int rank = ClassRanking.rank(probabilities, trueLabel);
    top1 += rank == 0 ? 1 : 0;
    top5 += rank < 5 ? 1 : 0;
  }

  /** Rows whose true class came first, and among the first five. */
  long[] accuracyCounts() {
    return new long[] {top1, top5};
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
