package io.convoy.driver.train;

import static io.convoy.driver.testing.ConvoyRun.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.checkpoint.Checkpointing;
import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and {@code --resume} in real local Spark: a run stopped after a round (as a driver
 * crash would stop it) and resumed from its newest valid checkpoint ends with the parameters of
 * the uninterrupted run, and its {@code metrics.jsonl} has every round exactly once. Tiny 16x16
 * images: 2 workers x 3 minibatches a epoch, one round per minibatch, 3 epochs = 9 rounds.
 */
class ResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 9;
  private static final Map<List<String>, float[]> UNINTERRUPTED = new HashMap<>();

  @TempDir static Path data;
  @TempDir Path out;

  @BeforeAll
  static void dataset() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 10, 3, 16, "png", 5), data);
  }

  /** Parameters mode with averaged Nesterov momentum: stopped mid-epoch 2, resumed. */
  @Test
  void parameterAveragingResumedMidEpochEqualsTheUninterruptedRun() throws Exception {
    resumedEqualsUninterrupted(List.of("training.averaging.mode=parameters", "optimizer.name=nesterov"), 5);
  }

  /** Gradients mode with Adam (the driver's optimizer state and step count): stopped in epoch 3. */
  @Test
  void gradientAveragingResumedEqualsTheUninterruptedRun() throws Exception {
    resumedEqualsUninterrupted(List.of("training.averaging.mode=gradients", "optimizer.name=adam",
        "optimizer.lr=0.001"), 8);
  }

  private void resumedEqualsUninterrupted(List<String> settings, int stopAfter) throws Exception {
    float[] uninterrupted = uninterrupted(settings);
    ConvoyConfig config = config(settings);
    IllegalStateException stop = stopAfterRound(stopAfter, () -> train(config, null));
    assertTrue(stop.getMessage().contains("stopped after round " + stopAfter), stop.getMessage());
    assertFalse(Files.exists(outputDir(config).resolve("model.zip")), "an interrupted run wrote its final model");

    TrainingSummary resumed = train(config, checkpoints(config).toString());
    assertClose(uninterrupted, resumed.finalState().parameters());
    assertEquals(IntStream.rangeClosed(1, ROUNDS).boxed().toList(), roundEvents(outputDir(config)));
    List<JsonNode> events = events(outputDir(config));
    assertEquals(1, events.stream().filter(e -> e.get("event").asText().equals("resume")).count());
    assertEquals(1, events.stream().filter(e -> e.get("event").asText().equals("start")).count());
    assertEquals(3, events.stream().filter(e -> e.get("event").asText().equals("epoch")).count());
    JsonNode last = events.get(events.size() - 1);
    assertEquals("final", last.get("event").asText());
    assertEquals(ROUNDS, last.get("rounds").asInt());
    assertEquals(3, last.get("epochs").asInt());
  }

  /**
   * Over the allreduce transport rank 0 sends the state every checkpoint.every-rounds rounds
   * from inside the barrier stage: the driver writes those checkpoints as the jobs transport
   * does, so a run stopped in epoch 2 resumes mid-epoch with the uninterrupted run's result.
   */
  @Test
  void allreduceCheckpointsWithinAnEpochAndResumesFromThem() throws Exception {
    List<String> settings = List.of("optimizer.name=nesterov", "training.transport=allreduce");
    float[] uninterrupted = uninterrupted(settings);
    ConvoyConfig config = config(settings);
    stopAfterRound(5, () -> train(config, null));
    List<JsonNode> checkpoints = events(outputDir(config)).stream()
        .filter(e -> e.get("event").asText().equals("checkpoint")).toList();
    assertEquals(List.of(2, 3, 4), checkpoints.stream().map(e -> e.get("round").asInt()).toList());
    assertEquals(1, checkpoints.get(2).get("batches_done").asInt(), "round 4 is epoch 2's first");
    TrainingSummary resumed = train(config, checkpoints(config).toString());
    assertClose(uninterrupted, resumed.finalState().parameters());
    assertEquals(IntStream.rangeClosed(1, ROUNDS).boxed().toList(), roundEvents(outputDir(config)));
  }

  /**
   * A task that fails inside an allreduce epoch fails its barrier stage; the retried stage goes
   * on from the newest snapshot rank 0 sent (after round 4), not from the epoch's start, and the
   * run ends where an undisturbed one does, with every round reported once.
   */
  @Test
  void aRetriedAllreduceStageGoesOnFromItsNewestSnapshot() throws Exception {
    List<String> settings = List.of("optimizer.name=nesterov", "training.transport=allreduce");
    float[] undisturbed = uninterrupted(settings);
    ConvoyConfig config = config(settings).withMaster("local[2,4]");
    StringWriter console = new StringWriter();
    TrainingSummary disturbed;
    System.setProperty("spark.convoy.test.fail-round", "4"); // the 5th round: 0-based
    try {
      disturbed = new TrainingRun(config, new PrintWriter(console), null).run();
    } finally {
      System.clearProperty("spark.convoy.test.fail-round");
    }
    assertTrue(console.toString().contains("epoch 2's barrier stage failed and was retried: it goes on after round 4"),
        console.toString());
    assertClose(undisturbed, disturbed.finalState().parameters());
    assertEquals(IntStream.rangeClosed(1, ROUNDS).boxed().toList(), roundEvents(outputDir(config)));
    List<JsonNode> events = events(outputDir(config));
    assertTrue(events.get(events.size() - 1).get("failed_tasks").asInt() >= 1, "no task failed");
  }

  /**
   * A truncated newest checkpoint is detected by its manifest and the one before it is used,
   * with a warning; the result is still the uninterrupted run's.
   */
  @Test
  void aTruncatedNewestCheckpointIsSkippedForThePreviousOne() throws Exception {
    List<String> settings = List.of("optimizer.name=nesterov");
    float[] uninterrupted = uninterrupted(settings);
    ConvoyConfig config = config(settings);
    stopAfterRound(5, () -> train(config, null));
    List<Path> all = checkpointFolders(config);
    Path newest = all.get(all.size() - 1);
    try (RandomAccessFile state = new RandomAccessFile(newest.resolve("state.bin").toFile(), "rw")) {
      state.setLength(state.length() / 2);
    }
    StringWriter console = new StringWriter();
    TrainingSummary resumed = new TrainingRun(config, new PrintWriter(console), checkpoints(config).toString()).run();
    assertTrue(console.toString().contains("warning: checkpoint " + newest.toUri().toString().replaceAll("/$", ""))
        || console.toString().contains(newest.getFileName() + " is unusable"), console.toString());
    assertTrue(console.toString().contains("state.bin has"), console.toString());
    assertClose(uninterrupted, resumed.finalState().parameters());
    assertEquals(IntStream.rangeClosed(1, ROUNDS).boxed().toList(), roundEvents(outputDir(config)));
  }

  /**
   * Through the command line: {@code --resume} alone takes the checkpoint's configuration; a
   * longer run ({@code training.epochs} is harmless) continues it; changing the architecture or
   * the batch size is refused with exit status 2, naming the keys and the checkpoint's values.
   */
  @Test
  void theCommandLineResumesWithHarmlessChangesAndRefusesOthers() throws Exception {
    float[] uninterrupted = uninterrupted(List.of("optimizer.name=nesterov"));
    Path run = out.resolve("cli");
    List<String> job = new ArrayList<>(List.of("train", "--out", run.toString()));
    for (String s : base(List.of("training.epochs=2"))) {
      job.add("--set");
      job.add(s);
    }
    ConvoyRun.Result first = ConvoyRun.run(job.toArray(String[]::new));
    assertEquals(0, first.status(), first.stderr());

    ConvoyRun.Result refused = ConvoyRun.run("train", "--resume", run.resolve("checkpoints").toString(),
        "--set", "model.arch=lenet", "--set", "training.batch-size=5", "--set", "training.epochs=3");
    assertEquals(2, refused.status(), refused.stderr());
    assertTrue(refused.stderr().contains("model.arch: found \"lenet\", expected \"simple-cnn\" as in checkpoint"),
        refused.stderr());
    assertTrue(refused.stderr().contains("training.batch-size: found 5, expected 6"), refused.stderr());
    assertFalse(refused.stderr().contains("training.epochs"), refused.stderr());

    ConvoyRun.Result resumed = ConvoyRun.run("train", "--resume", run.resolve("checkpoints").toString(),
        "--set", "training.epochs=3");
    assertEquals(0, resumed.status(), resumed.stderr());
    assertTrue(resumed.stdout().contains("training.epochs: 2 -> 3"), resumed.stdout());
    assertEquals(IntStream.rangeClosed(1, ROUNDS).boxed().toList(), roundEvents(run));
    MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile(), true);
    assertClose(uninterrupted, model.params().toFloatVector());

    ConvoyRun.Result nothing = ConvoyRun.run("train", "--resume", out.resolve("none").toString());
    assertEquals(2, nothing.status(), nothing.stderr());
    assertTrue(nothing.stderr().contains("no valid checkpoint in"), nothing.stderr());
  }

  /**
   * The final parameters of the uninterrupted run with {@code settings}, trained once per
   * class. Its checkpoints are checked on the way: only the newest {@code checkpoint.keep} (3)
   * stay, each with a complete manifest and a model.zip that plain DL4J loads, and no
   * temporary folder is left.
   */
  private float[] uninterrupted(List<String> settings) throws Exception {
    float[] known = UNINTERRUPTED.get(settings);
    if (known != null) {
      return known;
    }
    ConvoyConfig config = config(settings);
    float[] parameters = train(config, null).finalState().parameters();
    List<Path> kept = checkpointFolders(config);
    assertEquals(3, kept.size(), kept.toString());
    for (Path checkpoint : kept) {
      assertTrue(Files.readString(checkpoint.resolve("MANIFEST")).endsWith("end\n"));
      ModelSerializer.restoreMultiLayerNetwork(checkpoint.resolve("model.zip").toFile(), true);
    }
    try (Stream<Path> files = Files.list(checkpoints(config))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "a temporary folder was left");
    }
    UNINTERRUPTED.put(settings, parameters);
    return parameters;
  }

  private static IllegalStateException stopAfterRound(int round, Run run) {
    System.setProperty(Checkpointing.STOP_AFTER_ROUND, String.valueOf(round));
    try {
      return assertThrows(IllegalStateException.class, run::run);
    } finally {
      System.clearProperty(Checkpointing.STOP_AFTER_ROUND);
    }
  }

  interface Run {
    void run() throws Exception;
  }

  private List<String> base(List<String> settings) {
    List<String> all = new ArrayList<>(List.of(
        "data.train=" + data.resolve("train"), "data.val=" + data.resolve("val"), "data.image-size=16",
        "training.workers=2", "training.batch-size=6", "training.epochs=3", "training.averaging.frequency=1",
        "optimizer.lr=0.05", "cluster.master=local[2]", "checkpoint.every-rounds=2", "checkpoint.every-epochs=1"));
    all.addAll(settings);
    return all;
  }

  private ConvoyConfig config(List<String> settings) throws IOException {
    List<String> all = new ArrayList<>(base(settings));
    all.add("output.dir=" + Files.createTempDirectory(out, "run"));
    return ConfigLoader.load(null, all);
  }

  private static TrainingSummary train(ConvoyConfig config, String resumeFrom) throws Exception {
    return new TrainingRun(config, new PrintWriter(new StringWriter()), resumeFrom).run();
  }

  private static Path outputDir(ConvoyConfig config) {
    return Path.of(config.output().dir());
  }

  private static Path checkpoints(ConvoyConfig config) {
    return outputDir(config).resolve("checkpoints");
  }

  private static List<Path> checkpointFolders(ConvoyConfig config) throws IOException {
    try (Stream<Path> files = Files.list(checkpoints(config))) {
      return files.filter(p -> p.getFileName().toString().startsWith("ckpt-")).sorted().toList();
    }
  }

  static List<Integer> roundEvents(Path outputDir) throws IOException {
    return events(outputDir).stream().filter(e -> e.get("event").asText().equals("round"))
        .map(e -> e.get("round").asInt()).toList();
  }

  /** Equal up to float summation order (the runs here are in fact bit for bit equal). */
  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]) / Math.max(1e-3, Math.abs(expected[i])));
    }
    assertTrue(max <= 1e-6, "max relative difference " + max);
  }
}
