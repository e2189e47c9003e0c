package io.convoy.driver.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoy.driver.common.OutputDir;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSError;

/**
 * {@code metrics.jsonl}: one JSON object a line, each with an {@code event} field, flushed per
 * line so that a crashed or running job can be read.
 */
public final class MetricsLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputStream out;
  /** Everything written so far: a checkpoint keeps it, so that a resumed run continues the file. */
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  public MetricsLog(OutputStream out) {
    this.out = out;
  }

  /** An event with its fields in the given order. */
  public static Map<String, Object> event(String name, Object... keyValues) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", name);
    for (int i = 0; i < keyValues.length; i += 2) {
      event.put((String) keyValues[i], keyValues[i + 1]);
    }
    return event;
  }

  public void write(Map<String, Object> event) {
    writeLines((toJson(event) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Appends whole lines as they are (the lines of a run being resumed). */
  public void writeLines(byte[] lines) {
    try {
      out.write(lines);
      out.flush();
      written.write(lines);
    } catch (IOException | FSError e) {
      throw OutputDir.failure("cannot append to metrics.jsonl", e, "");
    }
  }

  /** The lines written so far. */
  public byte[] written() {
    return written.toByteArray();
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + value, e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
