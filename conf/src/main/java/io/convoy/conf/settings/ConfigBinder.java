package io.convoy.conf.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigProblem;
import io.convoy.conf.ConvoyConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a resolved configuration to {@link ConvoyConfig}: the one place where values are
 * checked. Each record is built from its {@link Setting}s (declared in {@link Settings}), each
 * read once through its {@link Kind}; then {@link ConfigRules} checks the rules that span
 * settings. Binding goes on past a bad value so that every problem is reported at once.
 */
public final class ConfigBinder {
  private final Config config;
  private final List<ConfigProblem> problems;
  private final Map<Setting<?>, Object> bound = new HashMap<>();
  private final Set<Setting<?>> invalid = new HashSet<>();

  public ConfigBinder(Config config, List<ConfigProblem> earlierProblems) {
    this.config = config;
    this.problems = new ArrayList<>(earlierProblems);
  }

  public ConvoyConfig bind() {
    ConvoyConfig c = new ConvoyConfig(DataSettings.data(this), DataSettings.pipeline(this), ModelSettings.bind(this),
        OptimizerSettings.bind(this), TrainingSettings.bind(this), RunSettings.cluster(this),
        RunSettings.output(this), RunSettings.checkpoint(this));
    ConfigRules.check(this);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<Setting<?>> unread = Settings.ALL.stream().filter(s -> !bound.containsKey(s)).toList();
    if (!unread.isEmpty()) {
      throw new IllegalStateException("settings declared but bound to no record: " + unread);
    }
    return c;
  }

  /** The value of {@code setting}, read and checked on first use (a stand-in when it is bad). */
  @SuppressWarnings("unchecked")
  <T> T get(Setting<T> setting) {
    if (bound.containsKey(setting)) {
      return (T) bound.get(setting);
    }
    int before = problems.size();
    T value = setting.kind().reader().read(this, setting.key());
    if (problems.size() > before) {
      invalid.add(setting);
    }
    bound.put(setting, value);
    return value;
  }

  /** Whether every one of {@code settings} holds a good value (rules between settings need them). */
  boolean valid(Setting<?>... settings) {
    for (Setting<?> s : settings) {
      get(s);
      if (invalid.contains(s)) {
        return false;
      }
    }
    return true;
  }

  Config config() {
    return config;
  }

  /** The value at {@code key}, or null when it is missing, null or unreadable. */
  ConfigValue value(String key) {
    try {
      return config.hasPath(key) ? config.getValue(key) : null;
    } catch (com.typesafe.config.ConfigException e) {
      return null;
    }
  }

  boolean isNull(String key) {
    try {
      return config.getIsNull(key);
    } catch (com.typesafe.config.ConfigException e) {
      return false;
    }
  }

  boolean isAuto(String key) {
    ConfigValue v = value(key);
    return v != null && v.valueType() == ConfigValueType.STRING && "auto".equals(v.unwrapped());
  }

  /** The value at {@code key} as written, for messages: "missing", "null" or its HOCON. */
  String found(String key) {
    try {
      if (!config.hasPathOrNull(key)) {
        return "missing";
      }
      if (config.getIsNull(key)) {
        return "null";
      }
      return config.getValue(key).render(ConfigRenderOptions.concise());
    } catch (com.typesafe.config.ConfigException e) {
      return "an unreadable value";
    }
  }

  void problem(String key, String found, String allowed) {
    problems.add(new ConfigProblem(key, found, allowed));
  }

  void problem(ConfigProblem p) {
    problems.add(p);
  }

  int problemCount() {
    return problems.size();
  }
}
