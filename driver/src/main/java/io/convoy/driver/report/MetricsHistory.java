package io.convoy.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a run's {@code metrics.jsonl} that the report draws: rounds, epochs and the
 * final event. Lines of other events are skipped; a run that stopped early has no final event.
 */
public final class MetricsHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> rounds = new ArrayList<>();
  private final List<JsonNode> epochs = new ArrayList<>();
  private JsonNode start;
  private JsonNode last;

  private MetricsHistory() {}

  /** Parses the lines of metrics.jsonl. */
  public static MetricsHistory parse(String jsonl) {
    MetricsHistory h = new MetricsHistory();
    int number = 0;
    for (String line : jsonl.lines().toList()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode event;
      try {
        event = JSON.readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException("metrics.jsonl line " + number + " is not JSON: " + e.getMessage(), e);
      }
      switch (event.path("event").asText()) {
        case "round" -> h.rounds.add(event);
        case "epoch" -> h.epochs.add(event);
        case "start" -> h.start = event;
        case "final" -> h.last = event;
        default -> { }
      }
    }
    return h;
  }

  List<JsonNode> rounds() {
    return rounds;
  }

  List<JsonNode> epochs() {
    return epochs;
  }

  /** The start event, or null. */
  JsonNode start() {
    return start;
  }

  /** The final event, or null when the run did not finish. */
  JsonNode last() {
    return last;
  }

  /** A field of every epoch event (NaN where an epoch lacks it). */
  double[] epochSeries(String field) {
    return series(epochs, field);
  }

  /** A field of every round event (NaN where a round lacks it). */
  double[] roundSeries(String field) {
    return series(rounds, field);
  }

  private static double[] series(List<JsonNode> events, String field) {
    double[] v = new double[events.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode n = events.get(i).get(field);
      v[i] = n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
    return v;
  }
}
