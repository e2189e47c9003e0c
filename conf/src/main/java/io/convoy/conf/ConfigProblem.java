package io.convoy.conf;

import java.io.Serializable;

/**
 * One thing wrong with a configuration.
 *
 * @param key the full key, e.g. {@code training.batch-size}
 * @param found the value found, as written (or "missing")
 * @param allowed what would be accepted
 */
public record ConfigProblem(String key, String found, String allowed) implements Serializable {
  @Override
  public String toString() {
    return key + ": found " + found + ", expected " + allowed;
  }
}
