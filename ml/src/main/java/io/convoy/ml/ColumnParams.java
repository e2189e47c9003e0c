package io.convoy.ml;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The columns {@link ConvoyClassifier} reads and {@link ConvoyClassificationModel} writes. Each
 * Param is a method (Spark finds Params by their public no-argument methods); a new
 * {@code Param} object per call is the same Param, since Params are equal by owner and name.
 */
public interface ColumnParams extends Params {
  default Param<String> imageCol() {
    return new Param<>(this, "imageCol", "the images: a binary column of encoded JPEG, PNG or BMP bytes "
        + "(the binaryFile source's content) or an image struct (the image source's image)");
  }

  default Param<String> pathCol() {
    return new Param<>(this, "pathCol", "a string column with each row's unique key, e.g. binaryFile's path: it "
        + "places the row in its shard and seeds its augmentation (image structs use their origin instead)");
  }

  default Param<String> labelCol() {
    return new Param<>(this, "labelCol", "the class: whole numbers 0..n-1 (e.g. StringIndexer's output) or "
        + "strings (classes are then the sorted distinct labels, like class folders)");
  }

  default Param<String> predictionCol() {
    return new Param<>(this, "predictionCol", "output: the most probable class's index, as a double");
  }

  default Param<String> probabilityCol() {
    return new Param<>(this, "probabilityCol", "output: every class's probability, as an ML Vector");
  }

  default Param<String> rawPredictionCol() {
    return new Param<>(this, "rawPredictionCol",
        "output: every class's log-probability, as an ML Vector (the softmax's input up to a constant)");
  }

  default IntParam topK() {
    return new IntParam(this, "topK", "output: the k most probable classes in topKCol (0: no such column)",
        ParamValidators.gtEq(0));
  }

  default Param<String> topKCol() {
    return new Param<>(this, "topKCol", "output: array of {label, probability} structs, most probable first");
  }

  default String getImageCol() {
    return (String) getOrDefault(imageCol());
  }

  default String getPathCol() {
    return (String) getOrDefault(pathCol());
  }

  default String getLabelCol() {
    return (String) getOrDefault(labelCol());
  }

  default String getPredictionCol() {
    return (String) getOrDefault(predictionCol());
  }

  default String getProbabilityCol() {
    return (String) getOrDefault(probabilityCol());
  }

  default String getRawPredictionCol() {
    return (String) getOrDefault(rawPredictionCol());
  }

  default int getTopK() {
    return (Integer) getOrDefault(topK());
  }

  default String getTopKCol() {
    return (String) getOrDefault(topKCol());
  }

  /** Spark ML's usual column names. */
  default void setColumnDefaults() {
    setDefault(imageCol(), "content");
    setDefault(pathCol(), "path");
    setDefault(labelCol(), "label");
    setDefault(predictionCol(), "prediction");
    setDefault(probabilityCol(), "probability");
    setDefault(rawPredictionCol(), "rawPrediction");
    setDefault(topK(), 0);
    setDefault(topKCol(), "topK");
  }
}
