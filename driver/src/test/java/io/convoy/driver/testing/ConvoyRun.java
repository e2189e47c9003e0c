package io.convoy.driver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.ConvoyMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code convoy} command line run in this JVM, and what tests read of a run's outputs. */
public final class ConvoyRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConvoyRun() {}

  /** A command's exit status and what it printed. */
  public record Result(int status, String stdout, String stderr) {}

  public static Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int status = ConvoyMain.execute(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** Copies the tree under {@code from} to {@code to}. */
  public static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** The events of a run's {@code metrics.jsonl}, in order. */
  public static List<JsonNode> events(Path outputDir) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(outputDir.resolve("metrics.jsonl"))) {
      events.add(JSON.readTree(line));
    }
    return events;
  }
}
