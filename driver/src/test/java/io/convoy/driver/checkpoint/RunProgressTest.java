package io.convoy.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.engine.RoundStats;
import io.convoy.worker.replica.RoundTimings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The time split a checkpoint's {@code progress.json} holds: summed from rounds, kept in the array form of old. */
class RunProgressTest {
  @Test
  void roundsTimingsAreSummedAndWrittenAsTheSplitArray() throws Exception {
    RunProgress progress = new RunProgress();
    progress.roundDone(new RoundStats(1, 1, 0.5, 8, 2, 1, new RoundTimings(0.25, 0.5, 0.75, 1, 1.25), 0.01), 2, 4);
    progress.roundDone(new RoundStats(2, 1, 0.5, 8, 2, 1, new RoundTimings(1, 2, 3, 4, 5), 0.01), 2, 4);
    assertEquals(new RoundTimings(1.25, 2.5, 3.75, 5, 6.25), progress.timeSplit);

    JsonNode json = new ObjectMapper().readTree(progress.toJson());
    assertEquals("[1.25,2.5,3.75,5.0,6.25]", json.get("split").toString());
    assertEquals(progress.timeSplit, RunProgress.fromJson(progress.toJson()).timeSplit);
  }

  @Test
  void aCheckpointWrittenBeforeTheTimingsRecordLoads() {
    String old = "{\"epoch\":1,\"batchesDone\":2,\"rounds\":3,\"steps\":4,\"trainSeconds\":5.0,\"trainExamples\":6,"
        + "\"split\":[0.5,1.5,2.5,3.5,4.5],\"epochRounds\":1,\"epochBatches\":2,\"epochExamples\":8,"
        + "\"epochLossSum\":0.7,\"epochSeconds\":0.9,\"evaluations\":[[0.1,0.9,1.0]],\"skipped\":[],"
        + "\"rollbackFactor\":1.0,\"stopped\":false,\"seed\":42}";
    RunProgress progress = RunProgress.fromJson(old.getBytes(StandardCharsets.UTF_8));
    assertEquals(new RoundTimings(0.5, 1.5, 2.5, 3.5, 4.5), progress.timeSplit);
    assertEquals(3, progress.rounds);
    assertEquals(2, progress.batchesDone);
  }
}
