package io.convoy.ml;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.api.TrainedModel;
import io.convoy.driver.api.TrainingJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.LoggerFactory;

/**
 * A Spark ML {@code Estimator} that trains a convoy network on a DataFrame of images, with the
 * engine of {@code convoy train}: the same sharding (by each row's key, so the partitioning of
 * the DataFrame does not matter), averaging, transports, checkpoints and outputs, and for the
 * rows of a class folder the same parameters as {@code convoy train} on that folder.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
 *     .load("data/train")
 *     .withColumn("class", regexp_extract(col("path"), "([^/]+)/[^/]+$", 1));
 * ConvoyClassifier convoy = new ConvoyClassifier().setLabelCol("class").setArch("lenet").setEpochs(5);
 * ConvoyClassificationModel model = convoy.fit(images);
 * }</pre>
 *
 * <p>Input: {@code imageCol} holds encoded bytes ({@code binaryFile}'s {@code content}, keyed by
 * {@code pathCol}) or an {@code image} struct (keyed by its origin); {@code labelCol} strings
 * or whole class indexes. Rows no decoder reads are left out and listed in the summary's
 * {@code skipped}, as {@code convoy train} does with files.
 */
public final class ConvoyClassifier extends Estimator<ConvoyClassificationModel>
    implements ColumnParams, TrainingParams, DefaultParamsWritable {
  private final String uid;

  public ConvoyClassifier() {
    this(Identifiable$.MODULE$.randomUID("convoy"));
  }

  /** With a given uid (used by {@link #read()} when loading). */
  public ConvoyClassifier(String uid) {
    this.uid = uid;
    setColumnDefaults();
    JobSettings.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ImageInput.of(schema, getImageCol(), getPathCol());
    Labels.check(ImageInput.field(schema, "labelCol", getLabelCol(), Labels.ACCEPTED));
    return OutputColumns.append(schema, this, null);
  }

  @Override
  public ConvoyClassificationModel fit(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.toDF();
    transformSchema(rows.schema());
    ImageInput input = ImageInput.of(rows.schema(), getImageCol(), getPathCol());
    Path temporary = JobSettings.sets(this, "outputDir", "output.dir") ? null : temporaryFolder();
    try {
      ConvoyConfig config = JobSettings.load(this, fixedSettings(temporary));
      Labels labels = Labels.of(rows, getLabelCol());
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
      TrainedModel trained = TrainingJob.of(config)
          .onRows(LabelledDataFrame.of(rows, input, labels, getLabelCol()))
          .console(LoggedLines.to(LoggerFactory.getLogger(ConvoyClassifier.class)))
          .run(sc);
      ConvoyClassificationModel model = new ConvoyClassificationModel(uid, trained.load(), trained.summary());
      return copyValues(model, ParamMap.empty()).setParent(this);
    } finally {
      if (temporary != null) {
        delete(temporary);
      }
    }
  }

  /**
   * What fit sets where the job does not: without an output folder, a temporary one and no
   * report; without a checkpoint folder, no checkpoints.
   */
  private Map<String, String> fixedSettings(Path temporary) {
    Map<String, String> fixed = new LinkedHashMap<>();
    if (temporary != null) {
      fixed.put("output.dir", temporary.toUri().toString());
      fixed.put("output.report", "false");
    }
    if (!JobSettings.sets(this, "checkpointDir", "checkpoint.dir")) {
      fixed.put("checkpoint.every-epochs", "0");
      fixed.put("checkpoint.every-rounds", "0");
    }
    return fixed;
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("convoy-fit");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary output folder for fit: " + e.getMessage(), e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // The model is read; a leftover temporary folder is no reason to fail the fit.
    }
  }

  @Override
  public ConvoyClassifier copy(ParamMap extra) {
    return (ConvoyClassifier) defaultCopy(extra);
  }

  public static MLReader<ConvoyClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static ConvoyClassifier load(String path) {
    return read().load(path);
  }
  // Setters (Spark ML's convention: one per Param, returning this).

  public ConvoyClassifier setImageCol(String value) {
    return (ConvoyClassifier) set(imageCol(), value);
  }

  public ConvoyClassifier setPathCol(String value) {
    return (ConvoyClassifier) set(pathCol(), value);
  }

  public ConvoyClassifier setLabelCol(String value) {
    return (ConvoyClassifier) set(labelCol(), value);
  }

  public ConvoyClassifier setPredictionCol(String value) {
    return (ConvoyClassifier) set(predictionCol(), value);
  }

  public ConvoyClassifier setProbabilityCol(String value) {
    return (ConvoyClassifier) set(probabilityCol(), value);
  }

  public ConvoyClassifier setRawPredictionCol(String value) {
    return (ConvoyClassifier) set(rawPredictionCol(), value);
  }

  public ConvoyClassifier setTopK(int value) {
    return (ConvoyClassifier) set(topK(), value);
  }

  public ConvoyClassifier setTopKCol(String value) {
    return (ConvoyClassifier) set(topKCol(), value);
  }

  public ConvoyClassifier setArch(String value) {
    return (ConvoyClassifier) set(arch(), value);
  }

  public ConvoyClassifier setEpochs(int value) {
    return (ConvoyClassifier) set(epochs(), value);
  }

  public ConvoyClassifier setBatchSize(int value) {
    return (ConvoyClassifier) set(batchSize(), value);
  }

  public ConvoyClassifier setWorkers(int value) {
    return (ConvoyClassifier) set(workers(), value);
  }

  public ConvoyClassifier setOptimizer(String value) {
    return (ConvoyClassifier) set(optimizer(), value);
  }

  public ConvoyClassifier setLearningRate(double value) {
    return (ConvoyClassifier) set(learningRate(), value);
  }

  public ConvoyClassifier setAveragingMode(String value) {
    return (ConvoyClassifier) set(averagingMode(), value);
  }

  public ConvoyClassifier setAveragingFrequency(int value) {
    return (ConvoyClassifier) set(averagingFrequency(), value);
  }

  public ConvoyClassifier setTransport(String value) {
    return (ConvoyClassifier) set(transport(), value);
  }

  public ConvoyClassifier setImageSize(int value) {
    return (ConvoyClassifier) set(imageSize(), value);
  }

  public ConvoyClassifier setTrainPipeline(String value) {
    return (ConvoyClassifier) set(trainPipeline(), value);
  }

  public ConvoyClassifier setEvalPipeline(String value) {
    return (ConvoyClassifier) set(evalPipeline(), value);
  }

  public ConvoyClassifier setSeed(long value) {
    return (ConvoyClassifier) set(seed(), value);
  }

  public ConvoyClassifier setValFraction(double value) {
    return (ConvoyClassifier) set(valFraction(), value);
  }

  public ConvoyClassifier setMaxSkipped(int value) {
    return (ConvoyClassifier) set(maxSkipped(), value);
  }

  public ConvoyClassifier setOutputDir(String value) {
    return (ConvoyClassifier) set(outputDir(), value);
  }

  public ConvoyClassifier setCheckpointDir(String value) {
    return (ConvoyClassifier) set(checkpointDir(), value);
  }

  public ConvoyClassifier setJobConf(String value) {
    return (ConvoyClassifier) set(jobConf(), value);
  }
}
