package io.convoy.ml;

import io.convoy.conf.ConfigException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The image column in either form a DataFrame brings it: encoded file bytes (Spark's
 * {@code binaryFile} source, {@code content}, keyed by a path column) or a decoded image struct
 * (Spark's {@code image} source, keyed by its {@code origin}). Rows are read as (key, image)
 * pairs; {@link #encoded} gives the bytes convoy's decoders read either way.
 */
final class ImageInput implements Serializable {
  static final String ACCEPTED_IMAGE = "a binary column of encoded JPEG, PNG or BMP bytes (the binaryFile "
      + "source's content) or an image struct (the image source's image: origin, height, width, nChannels, "
      + "mode, data)";

  private final String imageCol;
  private final String keyCol;
  private final boolean struct;

  private ImageInput(String imageCol, String keyCol, boolean struct) {
    this.imageCol = imageCol;
    this.keyCol = keyCol;
    this.struct = struct;
  }

  /**
   * The input form of {@code schema}'s image column.
   *
   * @param pathCol the key column binary images need, or null where rows need no key (scoring)
   * @throws ConfigException naming the column, what it is and what is accepted
   */
  static ImageInput of(StructType schema, String imageCol, String pathCol) {
    DataType type = field(schema, "imageCol", imageCol, ACCEPTED_IMAGE).dataType();
    if (type.equals(DataTypes.BinaryType) && pathCol == null) {
      return new ImageInput(imageCol, null, false);
    }
    if (type.equals(DataTypes.BinaryType)) {
      DataType key = field(schema, "pathCol", pathCol, "a string column with each row's unique key (binaryFile's "
          + "path), which binary images need").dataType();
      if (!key.equals(DataTypes.StringType)) {
        throw new ConfigException("pathCol", "column " + pathCol + " of type " + key.simpleString(),
            "a string column with each row's unique key (binaryFile's path)");
      }
      return new ImageInput(imageCol, pathCol, false);
    }
    if (type instanceof StructType s && Arrays.asList(s.fieldNames()).containsAll(
        Arrays.asList(ImageSchema.imageFields()))) {
      return new ImageInput(imageCol, imageCol + ".origin", true);
    }
    throw new ConfigException("imageCol", "column " + imageCol + " of type " + type.simpleString(), ACCEPTED_IMAGE);
  }

  /** {@code schema}'s field {@code name}, or a ConfigException naming the Param, the column and the columns there are. */
  static StructField field(StructType schema, String param, String name, String accepted) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new ConfigException(param, "no column " + name + " among " + Arrays.toString(schema.fieldNames()),
          accepted);
    }
    return schema.apply(name);
  }

  /** Each row's key: the path column, or the image struct's origin. */
  Column key() {
    return functions.col(keyCol);
  }

  Column image() {
    return functions.col(imageCol);
  }

  /**
   * The encoded bytes of {@code row}'s image at {@code index}: binary as they are, an image
   * struct as PNG (lossless: convoy's decoders then see exactly its pixels). An invalid struct
   * (the image source's row for a file it could not decode) gives no bytes, which the run's
   * header check reports like any undecodable file.
   */
  byte[] encoded(Row row, int index) {
    if (row.isNullAt(index)) {
      return new byte[0];
    }
    return struct ? SparkImages.toPng(row.getStruct(index)) : (byte[]) row.get(index);
  }
}
