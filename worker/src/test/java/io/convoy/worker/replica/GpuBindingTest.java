package io.convoy.worker.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.model.NativeVariant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Which GPU a task binds to, from the resource maps Spark hands tasks. */
class GpuBindingTest {
  private static Map<String, ResourceInformation> gpus(String... addresses) {
    return Map.of(GpuBinding.RESOURCE, new ResourceInformation(GpuBinding.RESOURCE, addresses));
  }

  @Test
  void aTaskUsesTheFirstGpuSparkAssignedIt() {
    assertEquals(OptionalInt.of(3), GpuBinding.device(gpus("3")));
    assertEquals(OptionalInt.of(2), GpuBinding.device(gpus("2", "5")));
    assertEquals(OptionalInt.of(0), GpuBinding.device(gpus(" 0 ")));
    // As Spark's own parser builds them from a discovery script's output.
    assertEquals(OptionalInt.of(1), GpuBinding.device(
        Map.of("gpu", ResourceInformation.parseJson("{\"name\": \"gpu\", \"addresses\": [\"1\", \"0\"]}"))));
  }

  @Test
  void tasksWithoutGpusAreLeftAlone() {
    assertEquals(OptionalInt.empty(), GpuBinding.device(Map.of()));
    assertEquals(OptionalInt.empty(), GpuBinding.device(gpus()));
    assertEquals(OptionalInt.empty(), GpuBinding.device(Map.of("fpga", new ResourceInformation("fpga",
        new String[] {"0"}))));
  }

  @Test
  void addressesThatAreNoDeviceIndexAreRefusedNamingTheDiscoveryScript() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GpuBinding.device(gpus("GPU-5a1c7b3e")));
    assertTrue(e.getMessage().contains("GPU-5a1c7b3e"), e.getMessage());
    assertTrue(e.getMessage().contains("submit/gpu-discovery.sh"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> GpuBinding.device(gpus("-1")));
  }

  @Test
  void aGpuForACpuBuildIsAnErrorNotASilentCpuRun() {
    assertFalse(NativeVariant.cudaBuild(), "the default build has ND4J's CPU backend only");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GpuBinding.bind(0));
    assertTrue(e.getMessage().contains("mvn -Pcuda"), e.getMessage());
  }

  @Test
  void aCudaBuildThatFellBackToTheCpuRefusesTheGpuInsteadOfTrainingThere() {
    String problem = GpuBinding.problem(0, true, false, 0);
    assertTrue(problem.contains("GPU 0") && problem.contains("no usable CUDA driver or device")
        && problem.contains("fell back to the CPU"), problem);
  }

  @Test
  void aCudaBuildOnCudaBindsOnlyDevicesNd4jSees() {
    assertNull(GpuBinding.problem(1, true, true, 2));
    String problem = GpuBinding.problem(2, true, true, 2);
    assertTrue(problem.contains("ND4J sees 2 device(s)"), problem);
    assertTrue(GpuBinding.problem(0, false, false, 0).contains("mvn -Pcuda"));
  }

  @Test
  void realSparkTasksWithoutGpuResourcesBindNothing() {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("gpu-binding")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      List<Boolean> bound = sc.parallelize(List.of(1, 2), 2).map(i -> GpuBinding.bindCurrentTask().isPresent())
          .collect();
      assertEquals(List.of(false, false), bound);
    }
    assertEquals(OptionalInt.empty(), GpuBinding.bindCurrentTask(), "outside a task");
  }

  @Test
  void discoveryScriptFailsClearlyWithoutNvidiaSmi() throws Exception {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("submit/gpu-discovery.sh");
    // A PATH with bash's basics but no NVIDIA driver, as on this CPU machine.
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    if (new java.io.File("/usr/bin/nvidia-smi").canExecute()) {
      assertEquals(0, p.exitValue(), output);
      assertTrue(ResourceInformation.parseJson(output.strip()).addresses().length > 0, output);
    } else {
      assertEquals(1, p.exitValue(), output);
      assertTrue(output.contains("nvidia-smi not found"), output);
    }
  }
}
