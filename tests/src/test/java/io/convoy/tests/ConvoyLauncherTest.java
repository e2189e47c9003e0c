package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which jar {@code submit/convoy} runs, and with which natives: a copy of the launcher in a
 * checkout of its own, with built jars stood in for and a {@code java} that prints its arguments.
 */
class ConvoyLauncherTest {
  @TempDir Path dir;

  @Test
  void convoyCudaRunsTheCudaJarWithItsSparkHomeAndCudnnNatives() throws Exception {
    Path submit = checkout("target/cuda/convoy-app-cuda.jar", "target/cuda/spark-home/jars");
    List<String> args = launch(submit, "1");
    assertEquals(submit.resolve("target/cuda/convoy-app-cuda.jar") + ":" + submit.resolve("target/cuda/spark-home/jars")
        + "/*", args.get(args.indexOf("-cp") + 1));
    assertTrue(args.contains("-Dorg.bytedeco.javacpp.platform.extension=-cudnn"), args.toString());
    assertEquals(List.of("io.convoy.driver.ConvoyMain", "model", "summary", "--arch", "lenet"),
        args.subList(args.size() - 5, args.size()));
  }

  @Test
  void byDefaultItRunsTheCpuJarWithOneDnnNatives() throws Exception {
    Path submit = checkout("target/convoy-app.jar", "target/spark-home/jars");
    List<String> args = launch(submit, "");
    assertEquals(submit.resolve("target/convoy-app.jar") + ":" + submit.resolve("target/spark-home/jars") + "/*",
        args.get(args.indexOf("-cp") + 1));
    assertTrue(args.stream().anyMatch(a -> a.startsWith("-Dorg.bytedeco.javacpp.platform.extension=-onednn")),
        args.toString());
  }

  /**
   * The launcher keeps C2 off start-up code with submit/c2-directives.json, and the JVM it runs
   * (this one) accepts the file: it installs its directive and says so on stderr, not on stdout.
   */
  @Test
  void theJvmTakesTheCompilerDirectivesOnStderr() throws Exception {
    Path submit = checkout("target/convoy-app.jar", "target/spark-home/jars");
    Path directives = submit.resolve("c2-directives.json");
    assertTrue(launch(submit, "").contains("-XX:CompilerDirectivesFile=" + directives));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-XX:+UnlockDiagnosticVMOptions", "-XX:+DisplayVMOutputToStderr",
        "-XX:CompilerDirectivesFile=" + directives, "-version").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), err);
    assertTrue(err.contains("1 compiler directives added"), err);
    assertEquals("", out);
  }

  /** checkout/submit with the launcher, jvm.options, native-env.sh, a stand-in jar and Spark home folder. */
  private Path checkout(String jar, String jars) throws Exception {
    Path submit = dir.resolve("checkout/submit");
    Files.createDirectories(submit.resolve(jars));
    Files.createFile(submit.resolve(jar));
    Files.copy(LocalCluster.ROOT.resolve("submit/convoy"), submit.resolve("convoy"));
    Files.copy(LocalCluster.ROOT.resolve("submit/jvm.options"), submit.resolve("jvm.options"));
    Files.copy(LocalCluster.ROOT.resolve("submit/native-env.sh"), submit.resolve("native-env.sh"));
    Files.copy(LocalCluster.ROOT.resolve("submit/c2-directives.json"), submit.resolve("c2-directives.json"));
    return submit;
  }

  /**
   * The native libraries' settings of submit/native-env.sh reach the JVM: glibc's allocator keeping
   * freed memory in one arena, in transparent huge pages, OpenBLAS's workers sleeping at once; a
   * value the user set is kept, and CONVOY_MALLOC=glibc leaves the allocator's defaults.
   */
  @Test
  void theNativeSettingsReachTheJvmUnlessTheUserSetThem() throws Exception {
    Path submit = checkout("target/convoy-app.jar", "target/spark-home/jars");
    List<String> env = launch(submit, "", Map.of()).stream().filter(l -> l.startsWith("env ")).toList();
    assertEquals(List.of("env GLIBC_TUNABLES=glibc.malloc.hugetlb=1", "env MALLOC_ARENA_MAX=1",
        "env MALLOC_MMAP_MAX_=0", "env OPENBLAS_THREAD_TIMEOUT=4"), env);
    List<String> own = launch(submit, "", Map.of("GLIBC_TUNABLES", "glibc.malloc.check=0", "MALLOC_ARENA_MAX", "4"));
    assertTrue(own.contains("env GLIBC_TUNABLES=glibc.malloc.check=0") && own.contains("env MALLOC_ARENA_MAX=4"),
        own.toString());
    List<String> glibc = launch(submit, "", Map.of("CONVOY_MALLOC", "glibc"));
    assertTrue(glibc.contains("env GLIBC_TUNABLES=") && glibc.contains("env MALLOC_ARENA_MAX="), glibc.toString());
  }

  private List<String> launch(Path submit, String cuda) throws Exception {
    return launch(submit, cuda, Map.of());
  }

  /**
   * The arguments the launcher gives java for {@code convoy model summary --arch lenet}, after
   * lines "env NAME=value" for the native settings java finds in its environment.
   */
  private List<String> launch(Path submit, String cuda, Map<String, String> env) throws Exception {
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\n"
        + "for v in GLIBC_TUNABLES MALLOC_ARENA_MAX MALLOC_MMAP_MAX_ OPENBLAS_THREAD_TIMEOUT; do echo \"env $v=${!v-}\"; done\n"
        + "printf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", submit.resolve("convoy").toString(), "model", "summary", "--arch",
        "lenet").redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("CONVOY_CUDA", cuda);
    pb.environment().remove("CONVOY_JAVA_OPTS");
    for (String v : List.of("GLIBC_TUNABLES", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "OPENBLAS_THREAD_TIMEOUT",
        "CONVOY_MALLOC")) {
      pb.environment().remove(v);
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), output);
    assertEquals(0, p.exitValue(), output);
    return output.lines().toList();
  }
}
