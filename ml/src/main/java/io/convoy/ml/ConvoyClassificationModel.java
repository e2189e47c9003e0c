package io.convoy.ml;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.scoring.ModelHandle;
import io.convoy.driver.train.TrainingSummary;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A network trained by {@link ConvoyClassifier}, as a Spark ML {@code Model}: {@code transform}
 * scores the image column with the driver's scoring ({@code io.convoy.driver.scoring}: the eval
 * pipeline stored in the model, batched, as {@code convoy predict} scores), as a narrow
 * transformation; the network is built once per executor JVM and reused by its tasks. Saved, its
 * folder holds Spark ML's metadata and convoy's {@code model.zip}, which {@code convoy evaluate}
 * and {@code convoy predict} (and plain DL4J) load as they load a run's.
 */
public final class ConvoyClassificationModel extends Model<ConvoyClassificationModel>
    implements ColumnParams, MLWritable {
  private final String uid;
  /** The model.zip: what a serialized copy of this stage carries (Params are Serializable). */
  private final byte[] zip;
  private final String uri;
  /** The zip read, once per instance. */
  private transient LoadedModel model;
  /** The training run's summary; absent in a model that was loaded. */
  private final transient TrainingSummary summary;
  /** Shared with copies; not serialized (a deserialized model broadcasts again when it transforms). */
  private transient ModelBroadcast broadcast;

  ConvoyClassificationModel(String uid, LoadedModel model, TrainingSummary summary) {
    this.uid = uid;
    this.zip = model.zip();
    this.uri = model.uri();
    this.model = model;
    this.summary = summary;
    setColumnDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The trained network, its class names and its configuration, as read from its {@code model.zip}. */
  public synchronized LoadedModel convoyModel() {
    if (model == null) {
      model = ModelZip.read(zip, uri);
    }
    return model;
  }

  /** Class names in label order: {@code prediction} is an index into them. */
  public List<String> labels() {
    return convoyModel().labels();
  }

  /** The training run's figures and skipped rows, for a model fit in this application (not for a loaded one). */
  public Optional<TrainingSummary> summary() {
    return Optional.ofNullable(summary);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ImageInput.of(schema, getImageCol(), null);
    return OutputColumns.append(schema, this, labels());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.toDF();
    StructType out = transformSchema(rows.schema());
    ImageInput input = ImageInput.of(rows.schema(), getImageCol(), null);
    SparkContext sc = rows.sparkSession().sparkContext();
    // One broadcast per model and context, whatever the number of transforms; executors build the
    // network once per JVM whatever the number of transforms, tasks or rows (ModelCache, keyed by
    // the model's content hash).
    ModelHandle handle = broadcast().on(sc, this::convoyModel);
    // Each task scores with as many native threads as Spark gives it cores (spark.task.cpus, 1 by
    // default): the executor runs cores / task.cpus tasks at once, and ND4J left alone would give
    // each of them every core of the machine.
    int threads = sc.conf().getInt("spark.task.cpus", 1);
    TransformPartition scorer = new TransformPartition(handle, threads, input,
        rows.schema().fieldIndex(getImageCol()), getTopK());
    String prediction = getPredictionCol();
    // The row encoder drops column metadata: the class names go back on the prediction column.
    return rows.mapPartitions(scorer, Encoders.row(out))
        .withColumn(prediction, functions.col(prediction).as(prediction, out.apply(prediction).metadata()));
  }

  @Override
  public ConvoyClassificationModel copy(ParamMap extra) {
    ConvoyClassificationModel copy = new ConvoyClassificationModel(uid, convoyModel(), summary);
    copy.broadcast = broadcast(); // the same network: Params change columns, not what is shipped
    return copyValues(copy, extra).setParent(parent());
  }

  /** This model's broadcast holder (for {@link #transform}; package-private for tests). */
  synchronized ModelBroadcast broadcast() {
    if (broadcast == null) {
      broadcast = new ModelBroadcast();
    }
    return broadcast;
  }

  @Override
  public MLWriter write() {
    return new ModelFolder.Writer(this);
  }

  public static MLReader<ConvoyClassificationModel> read() {
    return new ModelFolder.Reader();
  }

  public static ConvoyClassificationModel load(String path) {
    return read().load(path);
  }

  /** For {@link ModelFolder.Reader}. */
  static ConvoyClassificationModel loaded(String uid, LoadedModel model) {
    return new ConvoyClassificationModel(uid, model, null);
  }

  public ConvoyClassificationModel setImageCol(String value) {
    return (ConvoyClassificationModel) set(imageCol(), value);
  }

  public ConvoyClassificationModel setPredictionCol(String value) {
    return (ConvoyClassificationModel) set(predictionCol(), value);
  }

  public ConvoyClassificationModel setProbabilityCol(String value) {
    return (ConvoyClassificationModel) set(probabilityCol(), value);
  }

  public ConvoyClassificationModel setRawPredictionCol(String value) {
    return (ConvoyClassificationModel) set(rawPredictionCol(), value);
  }

  public ConvoyClassificationModel setTopK(int value) {
    return (ConvoyClassificationModel) set(topK(), value);
  }

  public ConvoyClassificationModel setTopKCol(String value) {
    return (ConvoyClassificationModel) set(topKCol(), value);
  }
}
