package io.convoy.conf;

import io.convoy.conf.settings.ConfigRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The output.* keys and cluster.memory-check: defaults, overrides, validation, the round trip through config.conf. */
class OperateKeysTest {
  @Test
  void reportAndTrainMetricsAreOnByDefault() {
    OutputConfig o = ConfigLoader.defaults().output();
    assertTrue(o.report());
    assertEquals(10_000, o.trainMetricsImages());
  }

  @Test
  void overridesSurviveRenderingAndAnotherOutputDir() {
    ConvoyConfig c = ConfigLoader.load(null, List.of("output.report=false", "output.train-metrics-images=0"));
    assertFalse(c.output().report());
    assertEquals(0, c.output().trainMetricsImages());
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));
    OutputConfig moved = c.withOutputDir("hdfs://nn/runs/b").output();
    assertEquals(new OutputConfig("hdfs://nn/runs/b", false, 0), moved);
  }

  @Test
  void memoryCheckIsOnByDefaultAndSurvivesAnotherMaster() {
    assertTrue(ConfigLoader.defaults().cluster().memoryCheck());
    ConvoyConfig off = ConfigLoader.load(null, List.of("cluster.memory-check=false"));
    assertFalse(off.cluster().memoryCheck());
    assertFalse(off.withMaster("yarn").cluster().memoryCheck());
    assertEquals(off, ConfigLoader.parse(ConfigRenderer.render(off)));
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("cluster.memory-check=maybe")));
    assertTrue(e.getMessage().contains("cluster.memory-check: found \"maybe\", expected true or false"),
        e.getMessage());
  }

  @Test
  void decodedCacheBudgetHasADefaultAnOffAndALimit() {
    assertEquals(ClusterConfig.DEFAULT_DECODED_CACHE_MB, ConfigLoader.defaults().cluster().decodedCacheMb());
    ConvoyConfig off = ConfigLoader.load(null, List.of("cluster.decoded-cache-mb=0"));
    assertEquals(0, off.cluster().decodedCacheMb());
    assertEquals(0, off.withMaster("yarn").cluster().decodedCacheMb());
    assertEquals(off, ConfigLoader.parse(ConfigRenderer.render(off)));
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("cluster.decoded-cache-mb=-5")));
    assertTrue(e.getMessage().contains("cluster.decoded-cache-mb: found -5"), e.getMessage());
  }

  @Test
  void nonBooleansAreReportedTogetherWithKeyAndValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("output.report=sometimes", "output.train-metrics-images=-1")));
    assertTrue(e.getMessage().contains("output.report: found \"sometimes\", expected true or false"), e.getMessage());
    assertTrue(e.getMessage().contains("output.train-metrics-images: found -1"), e.getMessage());
  }
}
