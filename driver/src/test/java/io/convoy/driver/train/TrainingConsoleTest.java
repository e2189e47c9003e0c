package io.convoy.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.testing.JobRecorder;
import io.convoy.driver.testing.TrainedModel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a person watching a run sees: progress lines on a non-terminal stdout, and Spark jobs
 * whose group and description name the epoch, round and mode.
 */
class TrainingConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> rounds(TrainedModel model) throws Exception {
    List<JsonNode> rounds = new ArrayList<>();
    for (String line : Files.readAllLines(model.run.resolve("metrics.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      if (e.get("event").asText().equals("round")) {
        rounds.add(e);
      }
    }
    return rounds;
  }

  @Test
  void everyRoundIsASparkJobNamedByEpochRoundAndMode() throws Exception {
    TrainedModel model = TrainedModel.get();
    List<JsonNode> rounds = rounds(model);
    assertTrue(rounds.size() >= 3, "one round or more per epoch: " + rounds.size());
    for (JsonNode r : rounds) {
      int epoch = r.get("epoch").asInt();
      int round = r.get("round").asInt();
      JobRecorder.Job expected = new JobRecorder.Job("convoy-round-" + round + "-epoch-" + epoch + "-parameters",
          "epoch " + epoch + " round " + round + " (parameters averaging)");
      assertEquals(1, model.jobs.stream().filter(expected::equals).count(), expected + " in " + model.jobs);
    }
    // Validation and training-set metrics, once per epoch each.
    assertEquals(6, model.jobs.stream().filter(j -> "convoy-eval".equals(j.group())).count(), model.jobs.toString());
  }

  @Test
  void aNonTerminalStdoutGetsPlainProgressLinesForEveryEpoch() throws Exception {
    TrainedModel model = TrainedModel.get();
    List<JsonNode> rounds = rounds(model);
    long perEpoch = rounds.stream().filter(r -> r.get("epoch").asInt() == 1).count();
    String out = model.training.stdout();
    for (int epoch = 1; epoch <= 3; epoch++) {
      String last = "epoch " + epoch + "/3 round " + perEpoch + "/" + perEpoch + " ";
      assertTrue(out.lines().anyMatch(l -> l.startsWith(last) && l.matches(".* images/s  loss \\d\\.\\d{4}  ETA 0:00")),
          last + " in\n" + out);
    }
    assertTrue(out.lines().noneMatch(l -> l.contains("\r")), "no carriage returns off a terminal");
  }
}
