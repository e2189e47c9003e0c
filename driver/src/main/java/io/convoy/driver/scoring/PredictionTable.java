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
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** The table {@code convoy predict --data} writes: one row per scored image. */
public final class PredictionTable {
  public static final String PATH = "path";
  public static final String PREDICTED_CLASS = "predicted_class";
  public static final String PROBABILITY = "probability";
  public static final String TOP_CLASSES = "top_classes";
  public static final String TOP_PROBABILITIES = "top_probabilities";
  /** Only when the input has class folders (or is a pack). */
  public static final String TRUE_CLASS = "true_class";

  /** Why an image has no row (not written): null for scored images. */
  static final String PROBLEM = "problem";
  /** The true class's rank among all classes, -1 without one (not written). */
  static final String TRUE_RANK = "true_rank";

  /**
   * Every image as the job keeps it between its Spark actions: the written columns, the true
   * class's rank and why an image was skipped. Spark rows, not records, since Spark's Kryo
   * serializes rows and cannot serialize records.
   */
  static final StructType KEPT = DataTypes.createStructType(List.of(
      DataTypes.createStructField(PATH, DataTypes.StringType, false),
      DataTypes.createStructField(PREDICTED_CLASS, DataTypes.StringType, true),
      DataTypes.createStructField(PROBABILITY, DataTypes.FloatType, true),
      DataTypes.createStructField(TOP_CLASSES, DataTypes.createArrayType(DataTypes.StringType, false), false),
      DataTypes.createStructField(TOP_PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), false),
      DataTypes.createStructField(TRUE_CLASS, DataTypes.StringType, true),
      DataTypes.createStructField(TRUE_RANK, DataTypes.IntegerType, false),
      DataTypes.createStructField(PROBLEM, DataTypes.StringType, true)));
  static final int TRUE_RANK_INDEX = 6;
  static final int PROBLEM_INDEX = 7;

  private PredictionTable() {}

  /** {@code p} in the layout of {@link #KEPT}; arrays as the Scala sequences Spark's row encoder expects. */
  static Row row(Prediction p) {
    return RowFactory.create(p.path(), p.predictedClass(), p.scored() ? p.probability() : null, seq(p.topClasses()),
        seq(p.topProbabilities()), p.trueClass(), p.trueRank(), p.problem());
  }

  /** The table written: one row per scored image, with the true class when the input has one. */
  static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> kept, boolean labelled) {
    List<Column> written = new ArrayList<>(List.of(col(PATH), col(PREDICTED_CLASS), col(PROBABILITY),
        col(TOP_CLASSES), col(TOP_PROBABILITIES)));
    if (labelled) {
      written.add(col(TRUE_CLASS));
    }
    return spark.createDataFrame(kept, KEPT).filter(col(PROBLEM).isNull()).select(written.toArray(Column[]::new));
  }

  private static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  /** Writes {@code table} to the folder {@code out} (Spark's part files), which must not exist. */
  static void write(Dataset<Row> table, OutputFormat format, String out) {
    switch (format) {
      case PARQUET -> table.write().parquet(out);
      case JSONL -> table.write().json(out);
      // CSV has no arrays: the top-k columns become JSON arrays in one quoted field each.
      case CSV -> table.select(csvColumns(table)).write().option("header", "true").csv(out);
      default -> throw new IllegalArgumentException("no writer for " + format);
    }
  }

  private static Column[] csvColumns(Dataset<Row> table) {
    return Arrays.stream(table.columns())
        .map(c -> c.equals(TOP_CLASSES) || c.equals(TOP_PROBABILITIES) ? to_json(col(c)).as(c) : col(c))
        .toArray(Column[]::new);
  }
}
