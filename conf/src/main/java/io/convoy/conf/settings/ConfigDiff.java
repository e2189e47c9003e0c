package io.convoy.conf.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.convoy.conf.ConvoyConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys whose values differ between two configurations, compared as their rendered HOCON so
 * that every key counts, including ones added later.
 */
public final class ConfigDiff {
  /** One differing key with its value in each configuration ("missing" where absent). */
  public record Change(String key, String before, String after) {}

  private ConfigDiff() {}

  /** The changes from {@code before} to {@code after}, by key. */
  public static Map<String, Change> between(ConvoyConfig before, ConvoyConfig after) {
    Map<String, String> a = flatten(ConfigRenderer.render(before));
    Map<String, String> b = flatten(ConfigRenderer.render(after));
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    Map<String, Change> changes = new TreeMap<>();
    for (String key : keys) {
      String x = a.getOrDefault(key, "missing");
      String y = b.getOrDefault(key, "missing");
      if (!x.equals(y)) {
        changes.put(key, new Change(key, x, y));
      }
    }
    return changes;
  }

  private static Map<String, String> flatten(String hocon) {
    Config config = ConfigFactory.parseString(hocon);
    Map<String, String> flat = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      flat.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
    }
    // entrySet leaves out null values: record them too, so that null -> value is a change.
    collectNulls(config.root(), "", flat);
    return flat;
  }

  private static void collectNulls(com.typesafe.config.ConfigObject object, String prefix, Map<String, String> flat) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + e.getKey();
      switch (e.getValue().valueType()) {
        case NULL -> flat.put(key, "null");
        case OBJECT -> collectNulls((com.typesafe.config.ConfigObject) e.getValue(), key + ".", flat);
        default -> { }
      }
    }
  }
}
