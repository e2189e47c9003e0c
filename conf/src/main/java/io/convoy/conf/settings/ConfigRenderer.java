package io.convoy.conf.settings;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.convoy.conf.ConvoyConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a configuration back as HOCON, every key of {@link Settings} explicit, so that a run's
 * {@code config.conf} reproduces it: {@code ConfigLoader.parse(render(c)).equals(c)}.
 */
public final class ConfigRenderer {
  private ConfigRenderer() {}

  public static String render(ConvoyConfig c) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Setting<?> s : Settings.ALL) {
      String[] path = s.key().split("\\.");
      Map<String, Object> section = root;
      for (int i = 0; i < path.length - 1; i++) {
        section = child(section, path[i]);
      }
      section.put(path[path.length - 1], s.hocon(c));
    }
    return ConfigValueFactory.fromMap(root).render(
        ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String name) {
    return (Map<String, Object>) parent.computeIfAbsent(name, n -> new LinkedHashMap<String, Object>());
  }
}
