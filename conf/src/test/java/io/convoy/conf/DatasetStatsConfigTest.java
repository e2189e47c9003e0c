package io.convoy.conf;

import io.convoy.conf.settings.ConfigRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stats = dataset | given} of normalize and lighting: binding, validation, rendering. */
class DatasetStatsConfigTest {
  private static ConvoyConfig load(String train) {
    return ConfigLoader.load(null, List.of("pipeline.train=" + train));
  }

  @Test
  void datasetStatsBindAndRenderBack() {
    ConvoyConfig c = load("[resize, center-crop, {op = lighting, stats = dataset, sigma = 0.2}, "
        + "{op = normalize, stats = dataset}]");
    OpSpec lighting = c.pipeline().train().get(2);
    OpSpec normalize = c.pipeline().train().get(3);
    assertTrue(lighting.datasetStats());
    assertEquals(0.2, lighting.scalar("sigma", 0));
    assertTrue(normalize.datasetStats());
    assertTrue(normalize.params().isEmpty());
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));
    assertTrue(ConfigRenderer.render(c).contains("stats"), ConfigRenderer.render(c));
  }

  @Test
  void givenIsTheDefaultAndMayBeSpelledOut() {
    ConvoyConfig c = load("[resize, center-crop, {op = normalize, stats = given, mean = 0.4}]");
    OpSpec normalize = c.pipeline().train().get(2);
    assertFalse(normalize.datasetStats());
    assertEquals(List.of(0.4), normalize.vector("mean", List.of()));
    assertFalse(ConfigRenderer.render(c).contains("stats"));
  }

  @Test
  void resolvingPutsTheNumbersInAndClearsTheFlag() {
    OpSpec normalize = load("[resize, center-crop, {op = normalize, stats = dataset}]").pipeline().train().get(2);
    OpSpec resolved = normalize.withDatasetStats(Map.of("mean", List.of(0.1, 0.2, 0.3), "std", List.of(0.3)));
    assertFalse(resolved.datasetStats());
    assertEquals(List.of(0.1, 0.2, 0.3), resolved.vector("mean", List.of()));
  }

  @Test
  void everyMisuseIsReportedWithItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("[resize, center-crop, "
        + "{op = mirror, stats = dataset}, {op = normalize, stats = data}, "
        + "{op = normalize, stats = dataset, std = 0.2}, {op = lighting, stats = dataset, eigval = [1, 1, 1]}]"));
    Map<String, ConfigProblem> byKey = new java.util.HashMap<>();
    e.problems().forEach(p -> byKey.put(p.key(), p));
    assertTrue(byKey.get("pipeline.train[2].stats").allowed().contains("only lighting and normalize"),
        e.getMessage());
    assertEquals("\"data\"", byKey.get("pipeline.train[3].stats").found());
    assertTrue(byKey.get("pipeline.train[3].stats").allowed().startsWith("dataset"), e.getMessage());
    assertTrue(byKey.get("pipeline.train[4].std").allowed().contains("stats = dataset"), e.getMessage());
    assertTrue(byKey.get("pipeline.train[5].eigval").allowed().contains("stats = dataset"), e.getMessage());
    assertEquals(4, e.problems().size(), e.getMessage());
  }
}
