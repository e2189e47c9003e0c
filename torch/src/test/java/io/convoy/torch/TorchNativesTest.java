package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch's natives load from an empty JavaCPP cache (a fresh machine, or a new application jar,
 * whose cache folder is new): loaded library by library they crashed the JVM there (see
 * {@link io.convoy.torch.ops.TorchNatives}), which a warm cache hides, so this runs a JVM of its own on a new cache folder.
 * (The crash needs a system libtorch on the linker's path, as Debian's python3-torch installs.)
 */
class TorchNativesTest {
  @TempDir Path cache;

  @Test
  void libtorchLoadsFromAnEmptyJavaCppCache() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // this JVM's opens and heap
    command.addAll(List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache, "-XX:ErrorFile=" + cache.resolve("hs_err_%p.log"), "-cp", System.getProperty("java.class.path"),
        FreshCacheLoad.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("libtorch threads"), out);
  }
}
