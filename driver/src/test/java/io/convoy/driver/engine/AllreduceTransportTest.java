package io.convoy.driver.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.train.TrainingRun;
import io.convoy.driver.train.TrainingSummary;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allreduce transport's behaviour around training: slots, fallback, metrics, compression. */
class AllreduceTransportTest {
  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 10, 3, 16, "png", 5), data);
  }

  @Test
  void tooFewTaskSlotsFailAtStartNamingTheSettingsToChange() throws Exception {
    ConvoyConfig config = config(3, "local[2]", "training.transport=allreduce");
    ConfigException e = assertThrows(ConfigException.class, () -> train(config, new StringWriter()));
    assertTrue(e.getMessage().contains("training.workers") && e.getMessage().contains("2 task slots")
        && e.getMessage().contains("training.transport = jobs"), e.getMessage());
  }

  @Test
  void withFallbackTooFewSlotsTrainOverJobsAndSaySo() throws Exception {
    ConvoyConfig config = config(3, "local[2]", "training.transport=allreduce",
        "training.allreduce.fallback-to-jobs=true");
    StringWriter console = new StringWriter();
    TrainingSummary s = train(config, console);
    assertTrue(console.toString().contains("with the jobs transport instead of allreduce"), console.toString());
    assertEquals("jobs", events(s, "start").get(0).get("transport").asText());
  }

  /**
   * Every round of every epoch reaches metrics.jsonl exactly once, in order, with the global
   * loss; and bf16 compression is really what travels: after the last averaging of 2 replicas
   * every parameter is a bf16 sum halved, so its low 16 bits are zero.
   */
  @Test
  void roundsReachMetricsOnceInOrderAndBf16IsWhatTravels() throws Exception {
    ConvoyConfig config = config(2, "local[2]", "training.transport=allreduce",
        "training.allreduce.compression=bf16", "training.epochs=2", "training.averaging.frequency=2");
    TrainingSummary s = train(config, new StringWriter());
    List<JsonNode> rounds = events(s, "round");
    for (int i = 0; i < rounds.size(); i++) {
      assertEquals(i + 1, rounds.get(i).get("round").asInt());
      assertTrue(Double.isFinite(rounds.get(i).get("loss").asDouble()));
    }
    assertEquals(events(s, "final").get(0).get("rounds").asInt(), rounds.size());
    assertEquals(2, rounds.get(rounds.size() - 1).get("epoch").asInt());
    assertEquals("allreduce", events(s, "start").get(0).get("transport").asText());
    for (float p : s.finalState().parameters()) {
      assertEquals(0, Float.floatToRawIntBits(p) & 0xffff, "parameter " + p + " is not a halved bf16 value");
    }
    float[] exact = train(config(2, "local[2]", "training.transport=allreduce", "training.epochs=2",
        "training.averaging.frequency=2"), new StringWriter()).finalState().parameters();
    long fullPrecision = 0;
    for (float p : exact) {
      fullPrecision += (Float.floatToRawIntBits(p) & 0xffff) != 0 ? 1 : 0;
    }
    assertTrue(fullPrecision > exact.length / 2, "float32 runs keep full-precision parameters");
  }

  /**
   * Rank 0 hands the driver each epoch's end state over the progress channel; where it cannot
   * reach the channel, the state and the rounds come with its task's result instead, and the run
   * is the same: the same parameters, every round reported once.
   */
  @Test
  void withoutTheProgressChannelTheResultBringsTheEndState() throws Exception {
    ConvoyConfig config = config(2, "local[2]", "training.transport=allreduce", "training.epochs=2",
        "training.averaging.mode=gradients");
    TrainingSummary over = train(config, new StringWriter());
    System.setProperty("spark.convoy.test.progress-channel", "off");
    TrainingSummary without;
    try {
      without = train(config, new StringWriter());
    } finally {
      System.clearProperty("spark.convoy.test.progress-channel");
    }
    assertArrayEquals(over.finalState().parameters(), without.finalState().parameters());
    List<JsonNode> rounds = events(without, "round");
    assertEquals(events(over, "round").size(), rounds.size());
    for (int i = 0; i < rounds.size(); i++) {
      assertEquals(i + 1, rounds.get(i).get("round").asInt());
    }
  }

  private ConvoyConfig config(int workers, String master, String... more) throws Exception {
    List<String> settings = new ArrayList<>(List.of("data.train=" + data.resolve("train"),
        "data.val=" + data.resolve("val"), "data.image-size=16", "training.workers=" + workers,
        "training.batch-size=6", "training.epochs=1", "optimizer.name=nesterov", "optimizer.lr=0.05",
        "cluster.master=" + master, "output.dir=" + Files.createTempDirectory(out, "run"),
        "training.allreduce.timeout=20s"));
    settings.addAll(List.of(more));
    return ConfigLoader.load(null, settings);
  }

  private static TrainingSummary train(ConvoyConfig config, StringWriter console) throws Exception {
    return new TrainingRun(config, new PrintWriter(console, true)).run();
  }

  private static List<JsonNode> events(TrainingSummary s, String event) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(URI.create(s.outputDir())).resolve("metrics.jsonl"))) {
      JsonNode node = json.readTree(line);
      if (node.get("event").asText().equals(event)) {
        found.add(node);
      }
    }
    return found;
  }
}
