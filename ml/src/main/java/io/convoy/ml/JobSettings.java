package io.convoy.ml;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConfigProblem;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.settings.ConfigRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;

/**
 * {@link TrainingParams} as a {@link ConvoyConfig}: the job text, with each Param that is set as a
 * {@code key=value} setting on top (as {@code convoy train --conf job.conf --set key=value}), bound
 * and validated by {@link ConfigLoader}, so that every check and message is {@code convoy train}'s.
 */
final class JobSettings {
  /** Param name -> configuration key. */
  static final Map<String, String> KEYS = keys();

  /** Origin of the job text in configuration errors. */
  static final String ORIGIN = "jobConf";

  private JobSettings() {}

  private static Map<String, String> keys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("arch", "model.arch");
    keys.put("epochs", "training.epochs");
    keys.put("batchSize", "training.batch-size");
    keys.put("workers", "training.workers");
    keys.put("optimizer", "optimizer.name");
    keys.put("learningRate", "optimizer.lr");
    keys.put("averagingMode", "training.averaging.mode");
    keys.put("averagingFrequency", "training.averaging.frequency");
    keys.put("transport", "training.transport");
    keys.put("imageSize", "data.image-size");
    keys.put("trainPipeline", "pipeline.train");
    keys.put("evalPipeline", "pipeline.eval");
    keys.put("seed", "training.seed");
    keys.put("valFraction", "data.val-fraction");
    keys.put("maxSkipped", "data.max-skipped");
    keys.put("outputDir", "output.dir");
    keys.put("checkpointDir", "checkpoint.dir");
    return Map.copyOf(keys);
  }

  /**
   * Sets each scalar Param's default to reference.conf's value (so that {@code explainParams}
   * shows it); the pipelines and folders have none.
   */
  static void setDefaults(TrainingParams params) {
    Config reference = ConfigFactory.parseString(ConfigRenderer.render(ConfigLoader.defaults()));
    for (Param<?> p : params.params()) {
      String key = KEYS.get(p.name());
      if (key == null || key.startsWith("pipeline.") || key.endsWith(".dir")) {
        continue;
      }
      Object value = reference.getValue(key).unwrapped();
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) p;
      params.setDefault(param, value instanceof Number n ? coerce(p, n) : value);
    }
    params.setDefault(params.jobConf(), "");
  }

  private static Object coerce(Param<?> param, Number n) {
    return switch (param.getClass().getSimpleName()) {
      case "IntParam" -> n.intValue();
      case "LongParam" -> n.longValue();
      default -> n.doubleValue();
    };
  }

  /**
   * The job: the job text, the set Params on top, then {@code fixed} (settings fit needs, e.g. a
   * temporary output folder) for the keys neither sets.
   *
   * @throws ConfigException when a key is set both by a Param and by the job text (naming
   *     both), or by the loader's validation
   */
  static ConvoyConfig load(TrainingParams params, Map<String, String> fixed) {
    String text = params.getOrDefault(params.jobConf());
    ConfigLoader.load(text, ORIGIN, List.of()); // the job text's own problems first, as the loader words them
    Config job = ConfigFactory.parseString(text);
    List<String> settings = new ArrayList<>();
    List<ConfigProblem> conflicts = new ArrayList<>();
    for (Map.Entry<String, String> e : KEYS.entrySet()) {
      Param<?> param = params.getParam(e.getKey());
      if (!params.isSet(param)) {
        continue;
      }
      String value = String.valueOf(params.getOrDefault(param));
      if (job.hasPathOrNull(e.getValue())) {
        conflicts.add(new ConfigProblem(e.getValue(), "Param " + param.name() + " = " + value + " and jobConf "
            + e.getValue() + " = " + job.getValue(e.getValue()).render(), "the setting in one of the two, not both"));
      }
      settings.add(e.getValue() + "=" + value);
    }
    if (!conflicts.isEmpty()) {
      throw new ConfigException(conflicts);
    }
    fixed.forEach((key, value) -> {
      if (!job.hasPathOrNull(key) && settings.stream().noneMatch(s -> s.startsWith(key + "="))) {
        settings.add(key + "=" + value);
      }
    });
    return ConfigLoader.load(text, ORIGIN, settings);
  }

  /** Whether the job sets {@code key}, by its Param or in the job text. */
  static boolean sets(TrainingParams params, String param, String key) {
    return params.isSet(params.getParam(param))
        || ConfigFactory.parseString(params.getOrDefault(params.jobConf())).hasPathOrNull(key);
  }
}
