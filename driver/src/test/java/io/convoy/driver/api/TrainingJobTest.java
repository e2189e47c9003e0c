package io.convoy.driver.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.SparkContexts;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API against the commands it serves: the same runs and scores, in the caller's context. */
class TrainingJobTest {
  @TempDir Path dir;

  @Test
  void aRunInTheCallersContextLeavesItOpenAndTrainsAsConvoyTrainDoes() throws Exception {
    Path data = dir.resolve("data");
    SyntheticDataset.generate(new ShapesSpec(3, 12, 4, 16, "png", 5), data);
    List<String> settings = List.of("data.train=" + data.resolve("train"), "data.val=" + data.resolve("val"),
        "data.image-size=16", "model.arch=lenet", "training.epochs=1", "training.batch-size=8", "training.workers=2",
        "output.report=false", "cluster.master=local[2]");
    ConvoyConfig config = ConfigLoader.load(null, concat(settings, "output.dir=" + dir.resolve("api")));
    TrainedModel trained;
    try (JavaSparkContext sc = SparkContexts.create(config, "TrainingJobTest")) {
      trained = TrainingJob.of(config).run(sc);
      assertFalse(sc.sc().isStopped(), "the run stopped the caller's context");
      assertEquals(3, sc.parallelize(List.of(1, 2, 3)).count());
    }
    List<String> cli = new java.util.ArrayList<>();
    cli.add("train");
    for (String s : concat(settings, "output.dir=" + dir.resolve("cli"))) {
      cli.add("--set");
      cli.add(s);
    }
    ConvoyRun.Result r = ConvoyRun.run(cli.toArray(String[]::new));
    assertEquals(0, r.status(), r.stderr());
    LoadedModel fromCli = ModelZip.read(dir.resolve("cli").toString(), new Configuration());
    assertArrayEquals(fromCli.parameters(), trained.load().parameters());
    List<JsonNode> events = ConvoyRun.events(dir.resolve("api"));
    assertEquals(events.get(events.size() - 1).get("val_top1").asDouble(), trained.summary().valTop1(), 0.0);
    assertEquals(List.of(), trained.summary().skipped());
  }

  @Test
  void aPackIsEvaluatedAsItsFolder() throws Exception {
    io.convoy.driver.testing.TrainedModel model = io.convoy.driver.testing.TrainedModel.get();
    Path pack = dir.resolve("val-pack");
    ConvoyRun.Result packed = ConvoyRun.run("pack", "--data", model.data.resolve("val").toString(),
        "--out", pack.toString(), "--shards", "2", "--master", "local[2]");
    assertEquals(0, packed.status(), packed.stderr());
    LoadedModel loaded = ModelZip.read(model.run.toString(), new Configuration());
    try (JavaSparkContext sc = SparkContexts.create(loaded.config().withMaster("local[2]"), "TrainingJobTest")) {
      ModelEvaluation folder = ModelEvaluation.of(sc, loaded, model.data.resolve("val").toString(), 2);
      ModelEvaluation fromPack = ModelEvaluation.of(sc, loaded, pack.toString(), 2);
      assertEquals(folder.result().examples(), fromPack.result().examples());
      assertEquals(folder.result().top1(), fromPack.result().top1(), 0.0);
      assertEquals(folder.result().loss(), fromPack.result().loss(), 1e-6);
      assertArrayEquals(folder.result().confusionMatrix(), fromPack.result().confusionMatrix());
    }
  }

  private static List<String> concat(List<String> settings, String more) {
    List<String> all = new java.util.ArrayList<>(settings);
    all.add(more);
    return all;
  }
}
