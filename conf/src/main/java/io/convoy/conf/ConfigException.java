package io.convoy.conf;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a configuration, reported together. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String key, String found, String allowed) {
    this(List.of(new ConfigProblem(key, found, allowed)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return "invalid configuration: " + problems.get(0);
    }
    return "invalid configuration (" + problems.size() + " problems):"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
