package io.convoy.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.api.TrainingJob;
import io.convoy.ml.ConvoyClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application with convoy inside: reads {@code <train>/<class>/<image>} and
 * {@code <val>/<class>/<image>} with Spark's {@code binaryFile} source, takes each image's class
 * from its folder, fits {@code StringIndexer} + {@link ConvoyClassifier} + {@code IndexToString}
 * as one {@code Pipeline}, saves it, loads it back, scores the validation images and prints the
 * accuracy.
 *
 * <pre>
 * ImageFolderPipeline TRAIN VAL MODEL_OUT [--master URL] [--arch NAME] [--epochs N]
 *     [--image-size N] [--workers N] [--batch-size N]
 * </pre>
 */
public final class ImageFolderPipeline {
  /** A file's class: the name of the folder it is in. */
  static final String CLASS_OF_PATH = "([^/]+)/[^/]+$";

  private ImageFolderPipeline() {}

  public static void main(String[] args) throws IOException {
    run(args, System.out);
  }

  /** The application, printing to {@code out}; returns the validation accuracy. */
  static double run(String[] args, PrintStream out) throws IOException {
    List<String> positional = new ArrayList<>();
    ConvoyClassifier convoy = new ConvoyClassifier().setLabelCol("label").setArch("lenet").setEpochs(5);
    String master = null;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        positional.add(args[i]);
        continue;
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + ": expected a value after it");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--master" -> master = value;
        case "--arch" -> convoy.setArch(value);
        case "--epochs" -> convoy.setEpochs(Integer.parseInt(value));
        case "--image-size" -> convoy.setImageSize(Integer.parseInt(value));
        case "--workers" -> convoy.setWorkers(Integer.parseInt(value));
        case "--batch-size" -> convoy.setBatchSize(Integer.parseInt(value));
        default -> throw new IllegalArgumentException(args[i - 1] + ": expected --master, --arch, --epochs, "
            + "--image-size, --workers or --batch-size");
      }
    }
    if (positional.size() != 3) {
      throw new IllegalArgumentException("expected TRAIN VAL MODEL_OUT, found " + positional);
    }
    // convoy's Spark settings (Kryo and its registrator, ...) where spark-submit did not set them.
    SparkSession.Builder builder = SparkSession.builder()
        .config(TrainingJob.sparkConf(ConfigLoader.defaults(), "convoy example: image folder pipeline"));
    if (master != null) {
      builder.master(master);
    }
    SparkSession spark = builder.getOrCreate();
    try {
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new StringIndexer().setInputCol("class").setOutputCol("label"),
          convoy,
          // The prediction column carries the class names: IndexToString needs no labels.
          new IndexToString().setInputCol("prediction").setOutputCol("predictedClass")});
      PipelineModel fitted = pipeline.fit(images(spark, positional.get(0)));
      fitted.write().overwrite().save(positional.get(2));
      PipelineModel loaded = PipelineModel.load(positional.get(2));
      Dataset<Row> scored = loaded.transform(images(spark, positional.get(1))).cache();
      long all = scored.count();
      long right = scored.filter(col("predictedClass").equalTo(col("class"))).count();
      double accuracy = all == 0 ? 0 : (double) right / all;
      out.printf(Locale.ROOT, "validation accuracy %.4f (%d of %d images); pipeline saved to %s%n", accuracy, right,
          all, positional.get(2));
      return accuracy;
    } finally {
      spark.stop();
    }
  }

  /** The images under {@code root}, with their class. */
  static Dataset<Row> images(SparkSession spark, String root) {
    return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(root)
        .withColumn("class", regexp_extract(col("path"), CLASS_OF_PATH, 1));
  }
}
