package io.convoy.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.api.ImagePredictor;
import io.convoy.driver.api.TrainedModel;
import io.convoy.driver.api.TrainingJob;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.scoring.ModelCache;
import io.convoy.driver.scoring.ModelHandle;
import io.convoy.driver.scoring.ScoringModel;
import io.convoy.driver.scoring.ShippedModel;
import io.convoy.pipeline.synthetic.ShapesSpec;
import io.convoy.worker.replica.NativeThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConvoyClassifier} and {@link ConvoyClassificationModel} on real image files in a real
 * {@code local[2]} Spark: 3 classes of generated 16-pixel shapes, LeNet, one epoch.
 */
class ConvoyClassifierTest {
  private static final long SEED = 7;
  private static final String TRAIN_PIPELINE = "[{op = random-crop, padding = 2}, mirror, normalize]";
  /** The class of a file: its folder's name. */
  private static final String CLASS_OF_PATH = "([^/]+)/[^/]+$";

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Path data;
  private static ConvoyClassificationModel reference;

  @BeforeAll
  static void start() throws Exception {
    data = dir.resolve("data");
    SyntheticDataset.generate(new ShapesSpec(3, 12, 4, 16, "png", 5), data);
    spark = SparkSession.builder().config(TrainingJob.sparkConf(ConfigLoader.defaults(), "ConvoyClassifierTest"))
        .master("local[2]").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** The training folder's files as binaryFile reads them, with their class from the path. */
  private static Dataset<Row> files(String folder) {
    return spark.read().format("binaryFile").option("recursiveFileLookup", "true")
        .load(data.resolve(folder).toString())
        .withColumn("class", regexp_extract(col("path"), CLASS_OF_PATH, 1));
  }

  private static ConvoyClassifier classifier() {
    return new ConvoyClassifier().setLabelCol("class").setArch("lenet").setImageSize(16).setEpochs(1)
        .setBatchSize(8).setWorkers(2).setSeed(SEED).setTrainPipeline(TRAIN_PIPELINE);
  }

  /** binaryFile rows, string labels, as Spark partitions them: the run the others must match. */
  private static synchronized float[] reference() {
    return referenceModel().convoyModel().parameters();
  }

  private static synchronized ConvoyClassificationModel referenceModel() {
    if (reference == null) {
      reference = classifier().fit(files("train"));
    }
    return reference;
  }

  @Test
  void aPipelineFitsSavesLoadsAndScoresAsBeforeAndAsTheModelZip() throws Exception {
    StringIndexer indexer = new StringIndexer().setInputCol("class").setOutputCol("classIndex");
    ConvoyClassifier convoy = classifier().setLabelCol("classIndex").setTopK(2);
    IndexToString names = new IndexToString().setInputCol("prediction").setOutputCol("predictedClass");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {indexer, convoy, names});
    PipelineModel fitted = pipeline.fit(files("train"));
    Dataset<Row> val = files("val").orderBy("path");
    List<Row> before = fitted.transform(val).select("path", "class", "prediction", "probability", "predictedClass",
        "topK").collectAsList();

    String saved = dir.resolve("pipeline-model").toUri().toString();
    fitted.write().save(saved);
    pipeline.write().save(dir.resolve("pipeline").toUri().toString());
    Pipeline reloadedPipeline = Pipeline.load(dir.resolve("pipeline").toUri().toString());
    assertEquals(convoy.extractParamMap().toString(), reloadedPipeline.getStages()[1].extractParamMap().toString());
    PipelineModel loaded = PipelineModel.load(saved);
    List<Row> after = loaded.transform(val).select("path", "class", "prediction", "probability", "predictedClass",
        "topK").collectAsList();
    assertEquals(before, after);

    ConvoyClassificationModel model = (ConvoyClassificationModel) loaded.stages()[1];
    ConvoyClassificationModel serialized = org.apache.commons.lang3.SerializationUtils.roundtrip(model);
    assertArrayEquals(model.convoyModel().parameters(), serialized.convoyModel().parameters());
    String stageFolder = saved + "/stages/1_" + model.uid();
    LoadedModel zip = ModelZip.read(stageFolder, new Configuration()); // as convoy evaluate/predict read it
    assertArrayEquals(((ConvoyClassificationModel) fitted.stages()[1]).convoyModel().parameters(), zip.parameters());
    ImagePredictor predictor = new ImagePredictor(zip);
    int right = 0;
    for (Row r : before) {
      byte[] bytes = Files.readAllBytes(Path.of(java.net.URI.create(r.getString(0))));
      float[] p = predictor.probabilities(bytes);
      Vector probability = r.getAs("probability");
      int best = 0;
      for (int c = 0; c < p.length; c++) {
        assertEquals(p[c], probability.apply(c), 1e-5, r.getString(0));
        best = p[c] > p[best] ? c : best;
      }
      assertEquals(best, r.getDouble(2), 0.0, r.getString(0));
      assertEquals(zip.labels().get(best), r.getString(4));
      List<Row> top = r.getList(5);
      assertEquals(2, top.size());
      assertEquals(r.getString(4), top.get(0).getString(0));
      right += r.getString(4).equals(r.getString(1)) ? 1 : 0;
    }
    assertEquals(12, before.size());
    assertTrue(right > 4, "top-1 on the validation rows no better than chance: " + right + " of 12");
  }

  @Test
  void anExecutorBuildsANetworkOnceAndReusesItForTheModelsUsedLast() throws Exception {
    ConvoyClassificationModel fitted = referenceModel();
    LoadedModel model = fitted.convoyModel();
    // transform: the tasks of local[2] run in this JVM, so the cache they use is this one.
    Dataset<Row> val = files("val").repartition(4);
    int loadsBefore = ModelCache.loads();
    fitted.transform(val).select("prediction").collectAsList();
    int loadsAfterFirst = ModelCache.loads();
    assertTrue(loadsAfterFirst - loadsBefore <= 1, "4 tasks loaded the model " + (loadsAfterFirst - loadsBefore)
        + " times");
    fitted.transform(val).select("prediction").collectAsList();
    assertEquals(loadsAfterFirst, ModelCache.loads(), "a second transform of the same model loaded it again");

    // The cache itself: one load per model, a network lent to a running task is not lent again,
    // an idle one is reused, and only the last ModelCache.KEPT models are kept.
    Supplier<ShippedModel> shipped = () -> ShippedModel.of(model);
    String a = "a-" + System.nanoTime();
    int loads = ModelCache.loads();
    ScoringModel first = ModelCache.get(a, shipped);
    assertSame(first, ModelCache.get(a, shipped), "the model was not reused");
    assertEquals(1, ModelCache.loads() - loads);
    byte[] image = Files.readAllBytes(Path.of(java.net.URI.create(files("val").first().getString(0))));
    CountDownLatch scoring = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<byte[]> heldImages = new AbstractList<>() {
      @Override
      public byte[] get(int index) {
        scoring.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return image;
      }

      @Override
      public int size() {
        return 1;
      }
    };
    ExecutorService task = Executors.newSingleThreadExecutor();
    try {
      Future<?> running = task.submit(() -> first.score(heldImages)); // holds its network until released
      scoring.await();
      first.score(List.of(image));
      assertEquals(2, first.networks(), "a network lent to a running task was lent again");
      release.countDown();
      running.get();
    } finally {
      task.shutdownNow();
    }
    for (int i = 0; i < 3; i++) {
      first.score(List.of(image));
    }
    assertEquals(2, first.networks(), "an idle network was not reused");
    for (int i = 0; i < ModelCache.KEPT; i++) {
      ModelCache.get("other-" + i + "-" + System.nanoTime(), shipped);
    }
    assertNotSame(first, ModelCache.get(a, shipped), "a model used before the last " + ModelCache.KEPT + " was kept");
    assertEquals(ModelCache.KEPT + 2, ModelCache.loads() - loads);
  }

  @Test
  void transformsShareOneBroadcastThatOutlivesThemAndTheirTasksUseTheTasksCores() throws Exception {
    ConvoyClassificationModel fitted = referenceModel();
    Dataset<Row> val = files("val").orderBy("path");
    // As if something had given ND4J two threads: the tasks must bring it back to spark.task.cpus (1).
    NativeThreads.apply(2);
    assertEquals(Math.min(2, NativeThreads.poolSize()), NativeThreads.operationThreads());
    Dataset<Row> first = fitted.transform(val).select("path", "prediction", "probability");
    ModelHandle shipped = fitted.broadcast().on(spark.sparkContext(), fitted::convoyModel);
    ConvoyClassificationModel copy = fitted.copy(new org.apache.spark.ml.param.ParamMap()).setTopK(2);
    Dataset<Row> second = copy.transform(val).select("path", "prediction", "probability");
    assertSame(shipped, copy.broadcast().on(spark.sparkContext(), copy::convoyModel),
        "a second transform (of a copy) broadcast the model again");

    // Both DataFrames are lazy: their actions run after both transforms returned, the second first.
    List<Row> secondRows = second.collectAsList();
    List<Row> firstRows = first.collectAsList();
    assertEquals(1, NativeThreads.operationThreads(), "the tasks did not cap ND4J's threads");
    assertEquals(firstRows, secondRows);
    assertEquals(firstRows, first.collectAsList(), "a DataFrame scored again gave other results");
    ImagePredictor predictor = new ImagePredictor(fitted.convoyModel());
    for (Row r : firstRows) {
      float[] p = predictor.probabilities(Files.readAllBytes(Path.of(java.net.URI.create(r.getString(0)))));
      Vector probability = r.getAs("probability");
      for (int c = 0; c < p.length; c++) {
        assertEquals(p[c], probability.apply(c), 1e-5, r.getString(0));
      }
    }
    assertEquals(12, firstRows.size());
  }

  @Test
  void theSameRowsInAnotherPartitioningGiveTheSameParameters() {
    float[] repartitioned = classifier().fit(files("train").repartition(5)).convoyModel().parameters();
    assertArrayEquals(reference(), repartitioned);
  }

  @Test
  void fitAndTheTrainingApiOnTheFolderGiveTheSameParameters() throws Exception {
    ConvoyConfig config = ConfigLoader.load(null, List.of("data.train=" + data.resolve("train"),
        "model.arch=lenet", "data.image-size=16", "training.epochs=1", "training.batch-size=8",
        "training.workers=2", "training.seed=" + SEED, "pipeline.train=" + TRAIN_PIPELINE,
        "output.dir=" + dir.resolve("api-run"), "output.report=false"));
    TrainedModel trained = TrainingJob.of(config).run(JavaSparkContext.fromSparkContext(spark.sparkContext()));
    assertFalse(spark.sparkContext().isStopped(), "the run stopped the caller's context");
    assertArrayEquals(trained.load().parameters(), reference());
    assertEquals(List.of(), trained.summary().skipped());
  }

  @Test
  void allreduceGradientAveragingWithOutputsAndCheckpointsRunsAsTheTrainingApiDoes() throws Exception {
    Path out = dir.resolve("fit-out");
    Path checkpoints = dir.resolve("fit-checkpoints");
    ConvoyClassificationModel fitted = classifier().setTransport("allreduce").setAveragingMode("gradients")
        .setOutputDir(out.toString()).setCheckpointDir(checkpoints.toString())
        .setJobConf("training.allreduce.timeout = 20s").fit(files("train"));
    List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertTrue(metrics.get(metrics.size() - 1).contains("\"event\":\"final\""), metrics.toString());
    try (var listing = Files.list(checkpoints)) {
      assertTrue(listing.anyMatch(p -> p.getFileName().toString().startsWith("ckpt-")), "no checkpoint written");
    }
    ConvoyConfig config = ConfigLoader.load(null, List.of("data.train=" + data.resolve("train"),
        "model.arch=lenet", "data.image-size=16", "training.epochs=1", "training.batch-size=8",
        "training.workers=2", "training.seed=" + SEED, "pipeline.train=" + TRAIN_PIPELINE,
        "training.transport=allreduce", "training.averaging.mode=gradients", "training.allreduce.timeout=20s",
        "output.dir=" + dir.resolve("api-allreduce"), "output.report=false", "checkpoint.every-epochs=0"));
    TrainedModel trained = TrainingJob.of(config).run(JavaSparkContext.fromSparkContext(spark.sparkContext()));
    assertArrayEquals(trained.load().parameters(), fitted.convoyModel().parameters());
  }

  @Test
  void imageStructsAndNumericLabelsGiveTheSameParametersAsFilesWithStringLabels() {
    Dataset<Row> images = spark.read().format("image").option("recursiveFileLookup", "true")
        .load(data.resolve("train").toString())
        .withColumn("class", regexp_extract(col("image.origin"), CLASS_OF_PATH, 1));
    ConvoyClassificationModel fromStructs = classifier().setImageCol("image").fit(images);
    assertArrayEquals(reference(), fromStructs.convoyModel().parameters());
    // Scoring structs gives what scoring the files gives (they become the same pixels).
    Dataset<Row> valStructs = spark.read().format("image").option("recursiveFileLookup", "true")
        .load(data.resolve("val").toString()).orderBy("image.origin");
    List<Row> structScores = fromStructs.transform(valStructs).select("prediction", "probability").collectAsList();
    List<Row> fileScores = fromStructs.copy(new org.apache.spark.ml.param.ParamMap()).setImageCol("content")
        .transform(files("val").orderBy("path")).select("prediction", "probability").collectAsList();
    assertEquals(fileScores, structScores);

    Dataset<Row> indexed = new StringIndexer().setInputCol("class").setOutputCol("classIndex")
        .setStringOrderType("alphabetAsc").fit(files("train")).transform(files("train"));
    ConvoyClassificationModel numeric = classifier().setLabelCol("classIndex").fit(indexed);
    assertArrayEquals(reference(), numeric.convoyModel().parameters());
    assertEquals(files("train").select("class").distinct().orderBy("class").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList(), numeric.labels());
  }

  @Test
  void anUndecodableRowIsSkippedAndListedInTheSummary() {
    Dataset<Row> files = files("train");
    Row first = files.first();
    String broken = first.getString(0).replaceAll("[^/]+$", "broken.png");
    Dataset<Row> withBroken = files.union(files.limit(1).withColumn("path", lit(broken))
        .withColumn("content", lit("not an image".getBytes())));
    ConvoyClassificationModel model = classifier().fit(withBroken);
    List<String> skipped = model.summary().orElseThrow().skipped();
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).startsWith(broken + "\t"), skipped.toString());
    // Scoring leaves the undecodable row's outputs empty and scores the others.
    List<Row> scored = model.transform(withBroken).select("path", "prediction").collectAsList();
    for (Row r : scored) {
      assertEquals(r.getString(0).equals(broken), r.isNullAt(1), r.toString());
    }
  }

  @Test
  void aWrongColumnIsOneErrorNamingTheColumnAndWhatIsAccepted() {
    Dataset<Row> files = files("train");
    ConfigException missing = assertThrows(ConfigException.class, () -> classifier().setImageCol("pixels").fit(files));
    assertTrue(missing.getMessage().contains("imageCol") && missing.getMessage().contains("pixels")
        && missing.getMessage().contains("binaryFile") && missing.getMessage().contains("image struct"),
        missing.getMessage());
    ConfigException wrongType = assertThrows(ConfigException.class,
        () -> classifier().setImageCol("class").fit(files));
    assertTrue(wrongType.getMessage().contains("column class of type string"), wrongType.getMessage());
    ConfigException label = assertThrows(ConfigException.class,
        () -> classifier().setLabelCol("flag").fit(files.withColumn("flag", lit(true))));
    assertTrue(label.getMessage().contains("labelCol") && label.getMessage().contains("column flag of type boolean")
        && label.getMessage().contains("StringIndexer"), label.getMessage());
    ConfigException output = assertThrows(ConfigException.class,
        () -> classifier().setPredictionCol("class").fit(files));
    assertTrue(output.getMessage().contains("predictionCol"), output.getMessage());
  }

  @Test
  void aSettingGivenAsAParamAndInTheJobTextIsAnErrorNamingBoth() {
    Dataset<Row> files = files("train");
    ConfigException both = assertThrows(ConfigException.class,
        () -> classifier().setJobConf("training { epochs = 3 }\noptimizer.momentum = 0.8").fit(files));
    assertTrue(both.getMessage().contains("training.epochs") && both.getMessage().contains("Param epochs = 1")
        && both.getMessage().contains("jobConf training.epochs = 3"), both.getMessage());
    ConfigException invalid = assertThrows(ConfigException.class, () -> classifier().setArch("lenet7").fit(files));
    assertTrue(invalid.getMessage().contains("model.arch") && invalid.getMessage().contains("lenet7"),
        invalid.getMessage());
  }

  @Test
  void paramsFollowSparkMlConventions() {
    ConvoyClassifier convoy = classifier().setJobConf("optimizer.momentum = 0.8");
    assertEquals(1, convoy.getEpochs());
    assertEquals(DataTypes.DoubleType, convoy.transformSchema(files("train").schema()).apply("prediction").dataType());
    assertTrue(convoy.explainParams().contains("training.epochs"), convoy.explainParams());
    assertEquals(2, new ConvoyClassifier().getWorkers()); // reference.conf's default
    ConvoyClassifier copy = convoy.copy(new org.apache.spark.ml.param.ParamMap().put(convoy.epochs(), 4));
    assertEquals(4, copy.getEpochs());
    assertEquals(convoy.uid(), copy.uid());
    List<String> names = new ArrayList<>();
    for (var p : convoy.params()) {
      names.add(p.name());
    }
    assertTrue(names.containsAll(List.of("imageCol", "labelCol", "arch", "transport", "jobConf")), names.toString());
  }
}
