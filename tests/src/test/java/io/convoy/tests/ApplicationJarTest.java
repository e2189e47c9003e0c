package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar ({@code submit/target/convoy-app.jar}) as {@code submit/convoy} runs it, with
 * the assembled Spark's jars beside it: it carries module {@code bench}, whose command the driver
 * finds through ServiceLoader, so {@code convoy bench ...} works from the launcher as before, and
 * module {@code torch} with libtorch's natives, which {@code model.backend = libtorch} finds the same way.
 */
class ApplicationJarTest {
  @TempDir Path dir;

  @Test
  void theApplicationJarListsBenchAndRunsItsCommands() throws Exception {
    try (LocalCluster jvms = new LocalCluster(dir)) {
      String top = run(jvms, "help", "--help");
      assertTrue(top.lines().anyMatch(line -> line.trim().startsWith("bench ")), top);
      String bench = run(jvms, "bench-help", "bench", "--help");
      assertTrue(bench.contains("Usage: convoy bench"), bench);
      String step = run(jvms, "bench-step-help", "bench", "step", "--help");
      assertTrue(step.contains("Usage: convoy bench step"), step);
      assertTrue(step.contains("--arch"), step);
    }
  }

  @Test
  void theApplicationJarCarriesTheLibtorchBackendAndItsNatives() throws Exception {
    try (ZipFile jar = new ZipFile(LocalCluster.APP_JAR.toFile())) {
      ZipEntry services = jar.getEntry("META-INF/services/io.convoy.model.GradientBackend");
      assertTrue(services != null, "no GradientBackend services file in " + LocalCluster.APP_JAR);
      try (InputStream in = jar.getInputStream(services)) {
        String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(listed.contains("io.convoy.torch.LibtorchBackend"), listed);
      }
      for (String lib : List.of("libtorch_cpu.so", "libjnitorch.so", "libc10.so")) {
        assertTrue(jar.getEntry("org/bytedeco/pytorch/linux-x86_64/" + lib) != null, lib);
      }
    }
  }

  /** {@code convoy <args>} in a JVM of its own: its output, after checking it exited with status 0. */
  private static String run(LocalCluster jvms, String name, String... args) throws Exception {
    Process p = jvms.convoy(name, List.of(args));
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), jvms.log(name));
    assertEquals(0, p.exitValue(), jvms.log(name));
    return jvms.log(name);
  }
}
