package io.convoy.conf.settings;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.convoy.conf.names.ConfigName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kinds of settings (Flink ML's {@code ParamValidators}, in convoy's words): each reads a
 * value, checks it, and on a bad one reports the key, the value found and what is accepted.
 */
final class Kinds {
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\]|local-cluster\\[[0-9]+,[0-9]+,[0-9]+\\]"
          + "|spark://.+|yarn|k8s://.+|mesos://.+");

  private Kinds() {}

  /** A whole number in [min, max]. */
  static Kind<Integer> integer(int min, int max) {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d == Math.rint(d) && d >= min && d <= max) {
          return (int) d;
        }
      }
      b.problem(key, b.found(key), "a whole number in [" + min + ", " + max + "]");
      return min;
    });
  }

  /** One of the whole numbers {@code allowed}. */
  static Kind<Integer> oneOf(int... allowed) {
    String text = "one of " + Arrays.stream(allowed).mapToObj(String::valueOf).collect(Collectors.joining(", "));
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        for (int a : allowed) {
          if (a == d) {
            return a;
          }
        }
      }
      b.problem(key, b.found(key), text);
      return allowed[0];
    });
  }

  /** Any whole number that fits a long (a seed). */
  static Kind<Long> wholeLong() {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && (v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long)) {
        return ((Number) v.unwrapped()).longValue();
      }
      b.problem(key, b.found(key), "a whole number");
      return 0L;
    });
  }

  /**
   * A finite number between {@code min} and {@code max}, each bound open or closed, described as
   * "{@code what} in [min, max)", e.g. "a learning rate in (0, 10]".
   */
  static Kind<Double> number(String what, double min, boolean minOpen, double max, boolean maxOpen) {
    return bounded(what + " in " + range(min, minOpen, max, maxOpen), min, minOpen, max, maxOpen);
  }

  /** A number in (0, max], described as "a positive {@code noun}". */
  static Kind<Double> positive(String noun, double max) {
    return bounded("a positive " + noun, 0, true, max, false);
  }

  /** A number in [0, max], described as "a non-negative {@code noun}". */
  static Kind<Double> nonNegative(String noun, double max) {
    return bounded("a non-negative " + noun, 0, false, max, false);
  }

  private static Kind<Double> bounded(String text, double min, boolean minOpen, double max, boolean maxOpen) {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (Double.isFinite(d) && (minOpen ? d > min : d >= min) && (maxOpen ? d < max : d <= max)) {
          return d;
        }
      }
      b.problem(key, b.found(key), text);
      return min;
    });
  }

  /** A number in [0, 1) or {@code auto} (null). */
  static Kind<Double> autoOrFraction(String noun) {
    return new Kind<>((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d >= 0 && d < 1) {
          return d;
        }
      }
      if (!b.isAuto(key)) {
        b.problem(key, b.found(key), "auto or a " + noun + " in [0, 1)");
      }
      return null;
    }, v -> v == null ? "auto" : v);
  }

  /** true, false or {@code auto} (null). */
  static Kind<Boolean> autoOrBoolean() {
    return new Kind<>((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.BOOLEAN) {
        return (Boolean) v.unwrapped();
      }
      if (!b.isAuto(key)) {
        b.problem(key, b.found(key), "auto, true or false");
      }
      return null;
    }, v -> v == null ? "auto" : v);
  }

  /** The number of classes: {@code auto} (0, from the data) or a whole number >= 2. */
  static Kind<Integer> classes() {
    return new Kind<>((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d == Math.rint(d) && d >= 2 && d <= 1_000_000) {
          return (int) d;
        }
      }
      if (!b.isAuto(key)) {
        b.problem(key, b.found(key), "auto (as many as the dataset has) or a whole number >= 2");
      }
      return 0;
    }, v -> v == 0 ? "auto" : v);
  }

  static Kind<Boolean> bool() {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.BOOLEAN) {
        return (Boolean) v.unwrapped();
      }
      b.problem(key, b.found(key), "true or false");
      return false;
    });
  }

  /** A non-empty string. */
  static Kind<String> text() {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() != ConfigValueType.OBJECT && v.valueType() != ConfigValueType.LIST) {
        String s = String.valueOf(v.unwrapped());
        if (!s.isBlank()) {
          return s;
        }
      }
      b.problem(key, b.found(key), "a non-empty string");
      return "";
    });
  }

  /** A non-empty string, or null. */
  static Kind<String> textOrNull() {
    Kind<String> text = text();
    return Kind.of((b, key) -> b.isNull(key) ? null : text.reader().read(b, key));
  }

  /** A Spark master URL. */
  static Kind<String> master() {
    return text().checked(s -> s.isEmpty() || MASTER.matcher(s).matches() ? null
        : "a Spark master URL: local[*], local[N], local-cluster[N,C,M], spark://HOST:PORT, yarn, k8s://URL");
  }

  /** One of the strings {@code allowed}. */
  static Kind<String> oneOf(List<String> allowed) {
    return Kind.of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.STRING && allowed.contains((String) v.unwrapped())) {
        return (String) v.unwrapped();
      }
      b.problem(key, b.found(key), "one of " + String.join(", ", allowed));
      return allowed.get(0);
    });
  }

  /** A constant of {@code type}, by its configuration name. */
  static <E extends Enum<E> & ConfigName> Kind<E> oneOf(Class<E> type) {
    E[] constants = type.getEnumConstants();
    List<String> names = Arrays.stream(constants).map(ConfigName::configName).toList();
    Kind<String> name = oneOf(names);
    return new Kind<>((b, key) -> constants[names.indexOf(name.reader().read(b, key))], E::configName);
  }

  /** A list of positive numbers, strictly increasing (epochs). */
  static Kind<List<Double>> increasingEpochs() {
    return Kind.<List<Double>>of((b, key) -> {
      ConfigValue v = b.value(key);
      if (v != null && v.valueType() == ConfigValueType.LIST) {
        List<Double> result = new ArrayList<>();
        for (Object item : (List<?>) v.unwrapped()) {
          if (!(item instanceof Number n)) {
            result = null;
            break;
          }
          result.add(n.doubleValue());
        }
        if (result != null) {
          return List.copyOf(result);
        }
      }
      b.problem(key, b.found(key), "a list of numbers, e.g. [30, 60, 90]");
      return List.of();
    }).checked(m -> {
      for (int i = 1; i < m.size(); i++) {
        if (m.get(i) <= m.get(i - 1)) {
          return "strictly increasing epochs";
        }
      }
      return m.stream().anyMatch(x -> x <= 0) ? "positive epochs" : null;
    });
  }

  /** A duration (HOCON: 30s, 2m, 500ms) in [min, max] milliseconds; written back in ms. */
  static Kind<Long> millis(long min, long max) {
    return new Kind<>((b, key) -> {
      try {
        long ms = b.config().getDuration(key, TimeUnit.MILLISECONDS);
        if (ms >= min && ms <= max) {
          return ms;
        }
      } catch (com.typesafe.config.ConfigException ignored) {
        // reported below
      }
      b.problem(key, b.found(key), "a duration from " + min + "ms to " + max / 3_600_000 + "h, e.g. 30s or 2m");
      return min;
    }, ms -> ms + "ms");
  }

  /** A size in bytes (HOCON: 1m, 256k, 65536) in [min, max]. */
  static Kind<Integer> bytes(int min, int max) {
    return Kind.of((b, key) -> {
      try {
        long n = b.config().getBytes(key);
        if (n >= min && n <= max) {
          return (int) n;
        }
      } catch (com.typesafe.config.ConfigException ignored) {
        // reported below
      }
      b.problem(key, b.found(key), "a size from " + min / 1024 + "k to " + max / (1 << 20) + "m, e.g. 1m or 256k");
      return min;
    });
  }

  /** ephemeral ([0, 0]), a port, or LOW-HIGH with 1024 <= LOW <= HIGH <= 65535; written back as text. */
  static Kind<List<Integer>> portRange() {
    return new Kind<>((b, key) -> {
      ConfigValue v = b.value(key);
      String s = v == null || v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
          ? "" : String.valueOf(v.unwrapped()).trim();
      if (s.equals("ephemeral")) {
        return List.of(0, 0);
      }
      String[] parts = s.split("-", -1);
      try {
        if (parts.length <= 2) {
          int low = Integer.parseInt(parts[0].trim());
          int high = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : low;
          if (low >= 1024 && low <= high && high <= 65535) {
            return List.of(low, high);
          }
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      b.problem(key, b.found(key), "ephemeral, a port or a range LOW-HIGH within [1024, 65535], e.g. \"50000-50100\"");
      return List.of(0, 0);
    }, p -> p.get(0) == 0 ? "ephemeral" : p.get(0) + "-" + p.get(1));
  }

  static String range(double min, boolean minOpen, double max, boolean maxOpen) {
    return (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]");
  }

  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
        : String.valueOf(d).toLowerCase(Locale.ROOT);
  }
}
