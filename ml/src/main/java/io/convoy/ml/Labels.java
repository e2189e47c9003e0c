package io.convoy.ml;

import io.convoy.conf.ConfigException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The label column's classes and each row's class index. Strings: the classes are the sorted
 * distinct labels, as class folders are (so a label taken from the folder name gives the labels
 * of {@code convoy train}). Numbers: whole class indexes 0..n-1, named by the column's nominal
 * attribute where it has one (StringIndexer's output has), else "0".."n-1".
 */
final class Labels implements Serializable {
  static final String ACCEPTED = "a string column, or a numeric column of whole class indexes 0..n-1 "
      + "(e.g. StringIndexer's output)";

  private final String column;
  private final List<String> classes;
  /** Label -> index when the column holds strings, else null. */
  private final Map<String, Integer> indexOf;

  private Labels(String column, List<String> classes, boolean strings) {
    this.column = column;
    this.classes = List.copyOf(classes);
    this.indexOf = strings ? classes.stream().collect(Collectors.toMap(Function.identity(), classes::indexOf)) : null;
  }

  /** Checks the label column's type. */
  static DataType check(StructField field) {
    DataType type = field.dataType();
    if (!type.equals(DataTypes.StringType) && !(type instanceof NumericType)) {
      throw new ConfigException("labelCol", "column " + field.name() + " of type " + type.simpleString(), ACCEPTED);
    }
    return type;
  }

  /** The classes of {@code rows}' labels (one Spark job over the label column alone). */
  static Labels of(Dataset<Row> rows, String column) {
    StructField field = ImageInput.field(rows.schema(), "labelCol", column, ACCEPTED);
    if (check(field).equals(DataTypes.StringType)) {
      TreeSet<String> distinct = new TreeSet<>();
      for (Row r : rows.select(column).distinct().collectAsList()) {
        if (r.isNullAt(0)) {
          throw new ConfigException("labelCol", "null labels in column " + column, ACCEPTED + ", with no nulls");
        }
        distinct.add(r.getString(0));
      }
      return new Labels(column, new ArrayList<>(distinct), true);
    }
    Attribute attribute = Attribute.fromStructField(field);
    if (attribute instanceof NominalAttribute nominal && nominal.values().isDefined()) {
      return new Labels(column, Arrays.asList(nominal.values().get()), false);
    }
    Row max = rows.selectExpr("max(cast(" + quoted(column) + " as double))").first();
    int n = max.isNullAt(0) ? 0 : (int) Math.max(0, Math.floor(max.getDouble(0))) + 1;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      names.add(String.valueOf(c));
    }
    return new Labels(column, names, false);
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  List<String> classes() {
    return classes;
  }

  /**
   * The class index of {@code row}'s label at {@code index}.
   *
   * @throws ConfigException when it is missing, not a whole number or out of range
   */
  int index(Row row, int index, String key) {
    if (row.isNullAt(index)) {
      throw new ConfigException("labelCol", "no label (null) in column " + column + " for row " + key, ACCEPTED);
    }
    if (indexOf != null) {
      return indexOf.get(row.getString(index));
    }
    double value = ((Number) row.get(index)).doubleValue();
    if (value != Math.rint(value) || value < 0 || value >= classes.size()) {
      throw new ConfigException("labelCol", value + " in column " + column + " for row " + key,
          "whole class indexes 0.." + (classes.size() - 1) + " (" + classes.size() + " classes)");
    }
    return (int) value;
  }
}
