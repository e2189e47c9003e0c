package io.convoy.bench.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.model.NativeVariant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code convoy train} in a child JVM with DL4J as its users get it: the plain
 * {@code linux-x86_64} natives (no oneDNN) and DL4J's layer helpers off, its defaults. In this JVM
 * convoy has already switched both on for every network (they must be chosen before ND4J loads),
 * so "dl4j-spark out of the box" can only be measured in another process. Same classpath, same
 * other JVM flags, same environment (thread counts).
 */
final class AsShippedRun {
  /**
   * The launcher's entry point, {@code io.convoy.driver.ConvoyMain}, by name: it builds the command
   * tree this module plugs into (through {@code SubcommandProvider}), so bench does not import it.
   */
  static final String MAIN_CLASS = "io.convoy.driver.ConvoyMain";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AsShippedRun() {}

  /** The {@code final} event of the child's metrics.jsonl; the child's output goes to {@code out/child.log}. */
  static JsonNode train(Path conf, List<String> settings, Path out) throws IOException, InterruptedException {
    Files.createDirectories(out);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-D" + NativeVariant.EXTENSION_PROPERTY + "=")
          && !arg.startsWith("-D" + NativeVariant.HELPERS_DISABLED_PROPERTY + "=")
          && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
        command.add(arg);
      }
    }
    command.add("-D" + NativeVariant.EXTENSION_PROPERTY + "=");
    command.add("-D" + NativeVariant.HELPERS_DISABLED_PROPERTY + "=true");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "train",
        "--quiet"));
    if (conf != null) {
      command.addAll(List.of("--conf", conf.toAbsolutePath().toString()));
    }
    for (String s : settings) {
      command.addAll(List.of("--set", s));
    }
    command.addAll(List.of("--set", "output.dir=" + out.toAbsolutePath()));
    Path log = out.resolve("child.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int status = child.waitFor();
    Path metrics = out.resolve("metrics.jsonl");
    if (status != 0 || !Files.exists(metrics)) {
      throw new IllegalStateException("the as-shipped baseline run failed (exit status " + status + "): "
          + tail(log) + " (whole output: " + log + ")");
    }
    List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    if (!"final".equals(last.path("event").asText())) {
      throw new IllegalStateException("the as-shipped baseline run ended without a final event in " + metrics);
    }
    return last;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
