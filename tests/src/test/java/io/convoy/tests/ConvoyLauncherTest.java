package io.convoy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

  /** checkout/submit with the launcher, jvm.options, native-env.sh, a stand-in jar and Spark home folder. */
  private Path checkout(String jar, String jars) throws Exception {
    Path submit = dir.resolve("checkout/submit");
    Files.createDirectories(submit.resolve(jars));
    Files.createFile(submit.resolve(jar));
    Files.copy(LocalCluster.ROOT.resolve("submit/convoy"), submit.resolve("convoy"));
    Files.copy(LocalCluster.ROOT.resolve("submit/jvm.options"), submit.resolve("jvm.options"));
    Files.copy(LocalCluster.ROOT.resolve("submit/native-env.sh"), submit.resolve("native-env.sh"));
    return submit;
  }

  /** The arguments the launcher gives java for {@code convoy model summary --arch lenet}. */
  private List<String> launch(Path submit, String cuda) throws Exception {
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", submit.resolve("convoy").toString(), "model", "summary", "--arch",
        "lenet").redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("CONVOY_CUDA", cuda);
    pb.environment().remove("CONVOY_JAVA_OPTS");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), output);
    assertEquals(0, p.exitValue(), output);
    return output.lines().toList();
  }
}
