package io.convoy.conf.settings;

import io.convoy.conf.ClusterConfig;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.DataConfig;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.OutputConfig;
import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.conf.settings.Setting;
import io.convoy.conf.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The declared settings against reference.conf, both ways, and what every setting promises. */
class SettingsTest {
  @Test
  void everyKeyOfReferenceConfIsDeclaredAndEveryDeclaredKeyIsThere() {
    Set<String> reference = new TreeSet<>();
    leaves(ConfigLoader.reference().root(), "", reference);
    Set<String> declared = new TreeSet<>(Settings.ALL.stream().map(Setting::key).toList());
    assertEquals(Settings.ALL.size(), declared.size(), "a key declared twice");
    assertEquals(declared, reference);
  }

  @Test
  void referenceConfHoldsEveryDeclaredDefault() {
    ConvoyConfig defaults = ConfigLoader.defaults();
    for (Setting<?> s : Settings.ALL) {
      assertEquals(s.defaultValue(), s.value().apply(defaults), s.key() + ": reference.conf against its declaration");
      assertFalse(s.meaning().isBlank(), s.key());
    }
  }

  @Test
  void shortConstructorsOfTheRecordsUseTheDeclaredDefaults() {
    ConvoyConfig d = ConfigLoader.defaults();
    assertEquals(d.model(), new ModelConfig(d.model().arch(), d.model().classes()));
    assertEquals(d.optimizer(), new OptimizerConfig(d.optimizer().name(), d.optimizer().lr(), d.optimizer().momentum(),
        d.optimizer().weightDecay()));
    assertEquals(d.cluster(), new ClusterConfig(d.cluster().master(), d.cluster().threadsPerWorker(),
        d.cluster().loaderThreads()));
    assertEquals(d.output(), new OutputConfig(d.output().dir()));
    assertEquals(d.data(), new DataConfig(d.data().train(), d.data().val(), d.data().valFraction(),
        d.data().imageSize(), d.data().channels()));
  }

  @Test
  void everySettingRejectsAnObjectNamingItsKey() {
    for (Setting<?> s : Settings.ALL) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.load(null, List.of(s.key() + "={bogus = 1}")), s.key());
      assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(s.key()) && !p.allowed().isBlank()),
          s.key() + ": " + e.getMessage());
    }
  }

  @Test
  void renderedConfigHasEveryDeclaredKey() {
    Config rendered = com.typesafe.config.ConfigFactory.parseString(ConfigRenderer.render(ConfigLoader.defaults()));
    Set<String> keys = new HashSet<>();
    leaves(rendered.root(), "", keys);
    assertEquals(new HashSet<>(Settings.ALL.stream().map(Setting::key).toList()), keys);
  }

  /** Every key whose value is not an object, null values included. */
  private static void leaves(ConfigObject object, String prefix, Set<String> keys) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      if (e.getValue() instanceof ConfigObject child) {
        leaves(child, prefix + e.getKey() + ".", keys);
      } else {
        keys.add(prefix + e.getKey());
      }
    }
  }
}
