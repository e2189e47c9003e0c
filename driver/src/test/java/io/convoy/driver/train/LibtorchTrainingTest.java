package io.convoy.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code convoy train --set model.backend=libtorch} end to end (convoy-torch on this module's test
 * class path, as in the application jar): a tiny resnet20 trains in local[2] over either transport,
 * says so in its start event, and its model.zip evaluates and predicts (with DL4J: inference never
 * needs libtorch) to the run's own final validation figures.
 */
class LibtorchTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"jobs", "allreduce"})
  void aResnetTrainsWithLibtorchAndItsModelEvaluates(String transport) throws Exception {
    Path data = dir.resolve("data");
    Path run = dir.resolve("run");
    SyntheticDataset.generate(new ShapesSpec(2, 12, 4, 16, "png", 3), data);
    ConvoyRun.Result train = ConvoyRun.run("train", "--set", "data.train=" + data.resolve("train"),
        "--set", "data.val=" + data.resolve("val"), "--set", "data.image-size=16", "--set", "model.arch=resnet20",
        // over jobs named, over allreduce chosen by model.backend = auto, the default
        "--set", "model.backend=" + (transport.equals("jobs") ? "libtorch" : "auto"),
        "--set", "training.epochs=1", "--set", "training.batch-size=4",
        "--set", "training.workers=2", "--set", "training.transport=" + transport,
        "--set", "output.report=false", "--out", run.toString(), "--master", "local[2]");
    assertEquals(0, train.status(), train.stderr());

    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    JsonNode start = JSON.readTree(metrics.get(0));
    assertEquals("start", start.path("event").asText(), metrics.get(0));
    assertEquals("libtorch", start.path("backend").asText(), metrics.get(0));
    assertTrue(start.path("backend_reason").asText().startsWith(transport.equals("jobs") ? "model.backend = libtorch"
        : "model.backend = auto: libtorch is measured faster"), metrics.get(0));
    assertTrue(train.stdout().contains("gradients computed by libtorch"), train.stdout());
    assertEquals(transport, start.path("transport").asText(), metrics.get(0));
    JsonNode last = JSON.readTree(metrics.get(metrics.size() - 1));
    assertEquals("final", last.path("event").asText(), metrics.get(metrics.size() - 1));
    assertTrue(Double.isFinite(last.path("val_loss").asDouble()), metrics.get(metrics.size() - 1));

    ConvoyRun.Result evaluate = ConvoyRun.run("evaluate", "--model", run.toString(),
        "--data", data.resolve("val").toString(), "--json", "--master", "local[2]");
    assertEquals(0, evaluate.status(), evaluate.stderr());
    JsonNode e = JSON.readTree(evaluate.stdout());
    assertEquals(last.path("val_top1").asDouble(), e.path("top1").asDouble(), 1e-9);
    assertEquals(last.path("val_loss").asDouble(), e.path("loss").asDouble(), 1e-4);

    Path image;
    try (var classFolder = Files.list(data.resolve("val")).sorted()) {
      Path first = classFolder.findFirst().orElseThrow();
      try (var images = Files.list(first).sorted()) {
        image = images.findFirst().orElseThrow();
      }
    }
    ConvoyRun.Result predict = ConvoyRun.run("predict", "--model", run.toString(), image.toString());
    assertEquals(0, predict.status(), predict.stderr());
  }
}
