package io.convoy.ml;

import io.convoy.conf.ConfigException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns a {@link ConvoyClassificationModel} adds to the rows it scores. */
final class OutputColumns {
  /** One of the top-k classes. */
  static final StructType GUESS = new StructType(new StructField[] {
      DataTypes.createStructField("label", DataTypes.StringType, false),
      DataTypes.createStructField("probability", DataTypes.DoubleType, false)});

  private OutputColumns() {}

  /**
   * {@code schema} with the output columns (nullable: a row whose image does not decode gets
   * nulls).
   *
   * @param labels the class names, or null before fit
   *
   * @throws ConfigException when an output column is already there
   */
  static StructType append(StructType schema, ColumnParams params, List<String> labels) {
    StructType out = schema;
    // The class names go with the prediction as a nominal attribute, so IndexToString needs no labels.
    Metadata classes = labels == null ? Metadata.empty() : NominalAttribute.defaultAttr()
        .withName(params.getPredictionCol()).withValues(labels.toArray(new String[0])).toMetadata();
    out = add(out, "predictionCol", params.getPredictionCol(),
        DataTypes.createStructField(params.getPredictionCol(), DataTypes.DoubleType, true, classes));
    out = add(out, "probabilityCol", params.getProbabilityCol(),
        DataTypes.createStructField(params.getProbabilityCol(), SQLDataTypes.VectorType(), true));
    out = add(out, "rawPredictionCol", params.getRawPredictionCol(),
        DataTypes.createStructField(params.getRawPredictionCol(), SQLDataTypes.VectorType(), true));
    if (params.getTopK() > 0) {
      out = add(out, "topKCol", params.getTopKCol(),
          DataTypes.createStructField(params.getTopKCol(), DataTypes.createArrayType(GUESS, false), true));
    }
    return out;
  }

  private static StructType add(StructType schema, String param, String name, StructField field) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new ConfigException(param, "column " + name + ", which the rows already have",
          "a new column name for the output");
    }
    return schema.add(field);
  }
}
