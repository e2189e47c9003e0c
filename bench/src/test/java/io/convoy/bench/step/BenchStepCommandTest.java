package io.convoy.bench.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.testing.ConvoyRun;
import io.convoy.worker.replica.NativeThreads;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@code convoy bench step} on a tiny LeNet: its JSON line, its tables, and its usage errors. No timings asserted. */
class BenchStepCommandTest {
  private static int threadsBefore;

  @BeforeAll
  static void rememberThreads() {
    threadsBefore = Nd4j.getEnvironment().maxMasterThreads();
  }

  @AfterAll
  static void restoreThreads() {
    NativeThreads.apply(threadsBefore); // the command sets them for this whole test JVM
  }

  static final List<String> TINY = List.of("bench", "step", "--arch", "lenet", "--input", "16x16x1", "--batch", "4",
      "--classes", "3", "--warmup", "1", "--rounds", "2", "--steps", "1");

  static ConvoyRun.Result run(List<String> base, String... more) {
    List<String> all = new java.util.ArrayList<>(base);
    all.addAll(List.of(more));
    return ConvoyRun.run(all.toArray(new String[0]));
  }

  @Test
  void jsonIsOneParsableLineWithTheStepAndEveryLayerType() throws Exception {
    ConvoyRun.Result r = run(TINY, "--threads", "1", "--json", "--per-layer");
    assertEquals(0, r.status(), r.stderr());
    String[] lines = r.stdout().strip().split("\n");
    assertEquals(1, lines.length, r.stdout());
    JsonNode j = new ObjectMapper().readTree(lines[0]);
    assertEquals("convoy", j.path("framework").asText());
    assertEquals("lenet", j.path("arch").asText());
    assertEquals("16x16x1", j.path("input").asText());
    assertEquals(4, j.path("batch").asInt());
    assertEquals(1, j.path("threads").asInt());
    for (String key : List.of("images_per_sec", "ms_per_step", "ms_per_step_min", "ms_per_step_max", "gflops",
        "flops_per_image", "layer_sum_ms")) {
      assertTrue(j.path(key).asDouble() > 0, key + " in " + lines[0]);
    }
    assertEquals(2, j.path("round_ms").size());
    for (String type : List.of("conv", "pooling", "dense", "output", "update")) {
      assertTrue(j.path("types").path(type).path("total_ms").asDouble() > 0, type + " in " + lines[0]);
    }
    assertEquals(6, j.path("layers").size());
  }

  @Test
  void textHasTheSummaryAndThePerTypeTable() {
    ConvoyRun.Result r = run(TINY, "--threads", "1");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("images/s"), r.stdout());
    assertTrue(r.stdout().contains("by layer type"), r.stdout());
    assertTrue(r.stdout().contains("x the whole step's median"), r.stdout());
  }

  @Test
  void badArgumentsAreExitTwoWithOneLineNamingTheValue() {
    assertUsage(run(List.of("bench", "step", "--arch", "resnet7")), "--arch resnet7", "resnet18");
    assertUsage(run(List.of("bench", "step", "--arch", "lenet", "--input", "16x16")), "--input", "16x16", "HxWxC");
    List<String> lenet = List.of("bench", "step", "--arch", "lenet");
    assertUsage(run(lenet, "--batch", "0"), "--batch 0", "positive");
    assertUsage(run(lenet, "--threads", "0"), "--threads 0", "at least 1");
    assertUsage(run(lenet, "--rounds", "0"), "--rounds 0", "at least 1");
    assertUsage(run(List.of("bench", "step", "--arch", "vgg16", "--input", "16x16x3", "--batch", "1")),
        "16x16", "at least 32 pixels");
    assertUsage(run(lenet, "--backend", "tensorflow"), "--backend tensorflow", "dl4j or libtorch");
    assertUsage(run(lenet, "--backend", "libtorch", "--per-layer"), "--per-layer", "--backend dl4j");
  }

  /**
   * Both backends time the same step, of a graph and of a layer stack; libtorch has no per-layer
   * table (it drives DL4J's layers).
   */
  @Test
  void bothBackendsTimeTheStep() throws Exception {
    List<String> resnet = List.of("bench", "step", "--arch", "resnet20", "--input", "8x8x3", "--batch", "2",
        "--classes", "3", "--warmup", "1", "--rounds", "1", "--steps", "1", "--threads", "1");
    for (List<String> network : List.of(resnet, TINY)) {
      for (String backend : List.of("dl4j", "libtorch")) {
        ConvoyRun.Result r = run(network, "--backend", backend, "--json");
        assertEquals(0, r.status(), r.stderr());
        JsonNode j = new ObjectMapper().readTree(r.stdout().strip());
        assertEquals(backend, j.path("backend").asText(), r.stdout());
        assertTrue(j.path("images_per_sec").asDouble() > 0, r.stdout());
        assertEquals(backend.equals("dl4j"), j.has("types"), r.stdout());
      }
    }
  }

  /** Without --backend it times what convoy train picks (model.backend = auto), and says so. */
  @Test
  void theDefaultBackendIsWhatTrainingPicks() throws Exception {
    List<String> resnet = List.of("bench", "step", "--arch", "resnet20", "--input", "8x8x3", "--batch", "2",
        "--classes", "3", "--warmup", "1", "--rounds", "1", "--steps", "1", "--threads", "1");
    ConvoyRun.Result r = run(resnet, "--json");
    assertEquals(0, r.status(), r.stderr());
    JsonNode j = new ObjectMapper().readTree(r.stdout().strip());
    assertEquals("libtorch", j.path("backend").asText(), r.stdout());
    assertTrue(j.path("backend_reason").asText().startsWith("model.backend = auto"), r.stdout());
    assertFalse(j.has("types"), r.stdout());
    ConvoyRun.Result text = run(TINY);
    assertEquals(0, text.status(), text.stderr());
    assertTrue(text.stdout().contains("backend dl4j (model.backend = auto: "), text.stdout());
    assertTrue(text.stdout().contains("by layer type"), text.stdout());
  }

  private static void assertUsage(ConvoyRun.Result r, String... phrases) {
    assertEquals(2, r.status(), r.stderr());
    String first = r.stderr().strip().split("\n")[0];
    for (String phrase : phrases) {
      assertTrue(first.contains(phrase), "'" + phrase + "' not in: " + r.stderr());
    }
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }
}
