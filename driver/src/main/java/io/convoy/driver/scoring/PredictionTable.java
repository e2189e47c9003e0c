package io.convoy.driver.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The table {@code convoy predict --data} writes: one row per scored image. */
public final class PredictionTable {
  public static final String PATH = "path";
  public static final String PREDICTED_CLASS = "predicted_class";
  public static final String PROBABILITY = "probability";
  public static final String TOP_CLASSES = "top_classes";
  public static final String TOP_PROBABILITIES = "top_probabilities";
  /** Only when the input has class folders (or is a pack). */
  public static final String TRUE_CLASS = "true_class";

  private PredictionTable() {}

  static StructType schema(boolean labelled) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(PREDICTED_CLASS, DataTypes.StringType, false),
        DataTypes.createStructField(PROBABILITY, DataTypes.FloatType, false),
        DataTypes.createStructField(TOP_CLASSES, DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField(TOP_PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    if (labelled) {
      fields.add(DataTypes.createStructField(TRUE_CLASS, DataTypes.StringType, false));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * A scored image's row in {@link #schema}: a Spark row, which Spark's Kryo can write (it cannot
   * write records). The top-k columns are plain Java arrays, which Spark's row encoder takes as
   * they are (a {@code float[]} without boxing), instead of Scala sequences built per row.
   */
  static Row row(Prediction p, boolean labelled) {
    String[] classes = p.topClasses().toArray(String[]::new);
    float[] probabilities = new float[classes.length];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = p.topProbabilities().get(i);
    }
    return labelled
        ? RowFactory.create(p.path(), p.predictedClass(), p.probability(), classes, probabilities, p.trueClass())
        : RowFactory.create(p.path(), p.predictedClass(), p.probability(), classes, probabilities);
  }

  /** The table: one row per scored image, with the true class when the input has one. */
  static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> rows, boolean labelled) {
    return spark.createDataFrame(rows, schema(labelled));
  }

  /** Writes {@code table} to the folder {@code out} (Spark's part files), which must not exist. */
  static void write(Dataset<Row> table, OutputFormat format, String out) {
    switch (format) {
      case PARQUET -> table.write().parquet(out);
      case JSONL -> table.write().json(out);
      // CSV has no arrays: the top-k columns become JSON arrays in one quoted field each, their
      // quotes doubled as RFC 4180 says (Spark's default escapes them with a backslash).
      case CSV -> table.select(csvColumns(table)).write().option("header", "true").option("escape", "\"")
          .csv(out);
      default -> throw new IllegalArgumentException("no writer for " + format);
    }
  }

  private static Column[] csvColumns(Dataset<Row> table) {
    return Arrays.stream(table.columns())
        .map(c -> c.equals(TOP_CLASSES) || c.equals(TOP_PROBABILITIES) ? to_json(col(c)).as(c) : col(c))
        .toArray(Column[]::new);
  }
}
