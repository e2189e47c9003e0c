package io.convoy.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.convoy.conf.settings.ConfigBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads a job configuration: {@code reference.conf} defaults, then the job file, then
 * {@code key=value} overrides (later wins), resolved and bound by {@link ConfigBinder}.
 * Reads no system properties or environment variables and changes no global state.
 */
public final class ConfigLoader {
  /** Values that are parsed as HOCON rather than taken as plain strings. */
  private static final Pattern HOCON_VALUE =
      Pattern.compile("^(\".*\"|\\[.*\\]|\\{.*\\}|-?[0-9][0-9_.eE+-]*|true|false|null)$", Pattern.DOTALL);

  /** Longest job file accepted, in characters. */
  static final int MAX_CHARS = 4 << 20;
  /** Deepest nesting of objects and lists accepted. */
  static final int MAX_DEPTH = 64;

  private ConfigLoader() {}

  /** The defaults alone, validated. */
  public static ConvoyConfig defaults() {
    return load(null, List.of());
  }

  /**
   * Loads {@code file} (may be null) with {@code overrides} of the form {@code key=value}.
   *
   * @throws ConfigException naming every problem found
   */
  public static ConvoyConfig load(Path file, List<String> overrides) {
    Config user = parseOverrides(overrides);
    if (file != null) {
      user = user.withFallback(parseFile(file));
    }
    return bind(user);
  }

  /** Parses HOCON text (for example a resolved {@code config.conf}) with no overrides. */
  public static ConvoyConfig parse(String hocon) {
    return load(hocon, "<text>", List.of());
  }

  /**
   * Loads HOCON text (a checkpoint's resolved {@code config.conf}, named {@code origin} in
   * errors) with {@code overrides} of the form {@code key=value} on top.
   */
  public static ConvoyConfig load(String hocon, String origin, List<String> overrides) {
    Config user = parseOverrides(overrides);
    checkShape(origin, hocon);
    try {
      user = user.withFallback(ConfigFactory.parseString(hocon,
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(origin)));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(origin, "unparseable HOCON: " + e.getMessage(), "valid HOCON");
    }
    return bind(user);
  }

  /**
   * Refuses text the HOCON parser would choke on before it parses: the parser recurses once per
   * nesting level (thousands of levels overflow its stack) and holds the whole text in memory.
   * A job file is a few kilobytes nested a few levels deep.
   */
  private static void checkShape(String origin, CharSequence text) {
    if (text.length() > MAX_CHARS) {
      throw new ConfigException(origin, text.length() + " characters", "a job file of at most " + MAX_CHARS);
    }
    int depth = 0;
    int deepest = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"') {
        quote = c;
      } else if (c == '{' || c == '[') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      }
    }
    if (deepest > MAX_DEPTH) {
      throw new ConfigException(origin, "objects or lists nested " + deepest + " levels deep",
          "at most " + MAX_DEPTH + " levels");
    }
  }

  private static ConvoyConfig bind(Config user) {
    Config reference = reference();
    List<ConfigProblem> unknown = unknownKeys(user, reference);
    Config merged;
    try {
      merged = user.withFallback(reference).resolve(ConfigResolveOptions.noSystem());
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("<substitution>", e.getMessage(), "substitutions that name defined keys");
    }
    return new ConfigBinder(merged, unknown).bind();
  }

  /** convoy's defaults, {@code reference.conf}, as parsed HOCON (every setting's key and default). */
  public static Config reference() {
    return ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf",
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--conf", file.toString(), "an existing HOCON file");
    }
    try {
      if (Files.size(file) > MAX_CHARS * 4L) {
        throw new ConfigException("--conf", file + " (" + Files.size(file) + " bytes)",
            "a job file of at most " + MAX_CHARS + " characters");
      }
      checkShape("--conf " + file, Files.readString(file));
    } catch (java.io.IOException e) {
      throw new ConfigException("--conf", file + " (" + e.getMessage() + ")", "a readable UTF-8 HOCON file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("--conf", file + " (" + e.getMessage() + ")", "a valid HOCON file");
    }
  }

  private static Config parseOverrides(List<String> overrides) {
    Config result = ConfigFactory.empty();
    List<ConfigProblem> problems = new ArrayList<>();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        problems.add(new ConfigProblem("--set", override, "key=value, e.g. training.epochs=5"));
        continue;
      }
      String key = override.substring(0, eq).trim();
      String raw = override.substring(eq + 1).trim();
      checkShape("--set " + key, raw);
      try {
        // Later --set of the same key wins, as on most command lines.
        result = parseValue(key, raw).withFallback(result);
      } catch (com.typesafe.config.ConfigException e) {
        problems.add(new ConfigProblem(key, raw, "a valid value (" + e.getMessage() + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return result;
  }

  /**
   * Numbers, booleans, lists and objects are HOCON; anything else is a literal string so that
   * URIs like {@code hdfs://nn/data} survive (HOCON would read {@code //} as a comment).
   */
  private static Config parseValue(String key, String raw) {
    if (HOCON_VALUE.matcher(raw).matches()) {
      return ConfigFactory.parseString(key + " = " + raw,
          ConfigParseOptions.defaults().setOriginDescription("--set " + key));
    }
    return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(raw, "--set " + key));
  }

  private static List<ConfigProblem> unknownKeys(Config user, Config reference) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (!reference.hasPathOrNull(key)) {
        problems.add(new ConfigProblem(key, e.getValue().render(), "a known key" + suggestion(key, reference)));
      }
    }
    return problems;
  }

  private static String suggestion(String key, Config reference) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      int d = editDistance(key, e.getKey());
      if (d < bestDistance) {
        bestDistance = d;
        best = e.getKey();
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean " + best + "?)" : "";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
