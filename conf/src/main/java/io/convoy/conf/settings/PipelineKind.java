package io.convoy.conf.settings;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.convoy.conf.OpSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kind of {@code pipeline.train} and {@code pipeline.eval}: a preset name alone, or a list
 * whose elements are operation names, {op = NAME, ...parameters} objects or preset names
 * (expanded in place), checked against the operations declared in {@link PipelineOps}.
 */
final class PipelineKind {
  private final ConfigBinder binder;

  private PipelineKind(ConfigBinder binder) {
    this.binder = binder;
  }

  /** The operations of a pipeline; for evaluation, none may be random. */
  static Kind<List<OpSpec>> ops(boolean evaluation) {
    return new Kind<>((b, key) -> {
      List<OpSpec> ops = new PipelineKind(b).ops(key, b.get(DataSettings.IMAGE_SIZE), b.get(DataSettings.CHANNELS));
      if (evaluation) {
        ops.stream().map(OpSpec::op).filter(PipelineOps.RANDOM::contains).findFirst().ifPresent(op ->
            b.problem(key, op, "operations without randomness (evaluation must be repeatable): not "
                + String.join(", ", PipelineOps.RANDOM)));
      }
      return List.copyOf(ops);
    }, PipelineKind::write);
  }

  /** {@code [resize, center-crop, normalize]}, each with its defaults. */
  static List<OpSpec> defaultOps() {
    return List.of(OpSpec.of(PipelineOps.RESIZE), OpSpec.of(PipelineOps.CENTER_CROP),
        OpSpec.of(PipelineOps.NORMALIZE));
  }

  private static Object write(List<OpSpec> ops) {
    List<Object> result = new ArrayList<>();
    for (OpSpec op : ops) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", op.op());
      op.params().forEach((k, v) -> m.put(k, v.size() == 1 ? v.get(0) : v));
      if (op.datasetStats()) {
        m.put(PipelineOps.STATS, PipelineOps.STATS_DATASET);
      }
      result.add(m);
    }
    return result;
  }

  private List<OpSpec> ops(String key, int imageSize, int channels) {
    List<OpSpec> result = new ArrayList<>();
    String allowed = "a preset (" + String.join(", ", PipelinePresets.NAMES)
        + ") or a list of operations, e.g. [resize, center-crop, normalize]";
    if (binder.config().hasPath(key) && binder.config().getValue(key).valueType() == ConfigValueType.STRING) {
      String name = binder.config().getString(key);
      List<OpSpec> preset = PipelinePresets.of(name, imageSize, channels);
      if (preset == null) {
        binder.problem(key, quote(name), allowed);
        return result;
      }
      return preset;
    }
    ConfigList list;
    try {
      list = binder.config().getList(key);
    } catch (com.typesafe.config.ConfigException e) {
      binder.problem(key, binder.found(key), allowed);
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      ConfigValue value = list.get(i);
      if (value.valueType() == ConfigValueType.STRING) {
        List<OpSpec> preset = PipelinePresets.of((String) value.unwrapped(), imageSize, channels);
        if (preset != null) {
          result.addAll(preset);
          continue;
        }
      }
      OpSpec op = op(key + "[" + i + "]", value, channels);
      if (op != null) {
        result.add(op);
      }
    }
    return result;
  }

  private OpSpec op(String key, ConfigValue value, int channels) {
    String allowedOps = String.join(", ", PipelineOps.PARAMETERS.keySet().stream().sorted().toList())
        + " (or a preset: " + String.join(", ", PipelinePresets.NAMES) + ")";
    String name;
    ConfigObject object = null;
    if (value.valueType() == ConfigValueType.STRING) {
      name = (String) value.unwrapped();
      if (!PipelineOps.OPS.containsKey(name)) {
        binder.problem(key, quote(name), "an operation: one of " + allowedOps);
        return null;
      }
    } else if (value.valueType() == ConfigValueType.OBJECT) {
      object = (ConfigObject) value;
      ConfigValue opValue = object.get("op");
      if (opValue == null || opValue.valueType() != ConfigValueType.STRING
          || !PipelineOps.OPS.containsKey((String) opValue.unwrapped())) {
        binder.problem(key + ".op", opValue == null ? "missing" : opValue.render(),
            "an operation: one of " + String.join(", ", PipelineOps.PARAMETERS.keySet().stream().sorted().toList()));
        return null;
      }
      name = (String) opValue.unwrapped();
    } else {
      binder.problem(key, value.render(), "an operation name, a preset name or {op = NAME, ...parameters}");
      return null;
    }
    if (channels != 3 && PipelineOps.RGB_ONLY.contains(name)) {
      binder.problem(key, quote(name), "an operation for " + channels + "-channel images: " + name
          + " needs data.channels = 3");
      return null;
    }
    Map<String, List<Double>> params = new LinkedHashMap<>();
    if (object == null) {
      return new OpSpec(name, params);
    }
    List<PipelineOps.Param> accepted = PipelineOps.OPS.get(name);
    boolean datasetStats = datasetStats(key, name, object);
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String param = e.getKey();
      if (param.equals("op") || param.equals(PipelineOps.STATS)) {
        continue;
      }
      String paramKey = key + "." + param;
      PipelineOps.Param declared = accepted.stream().filter(p -> p.name().equals(param)).findFirst().orElse(null);
      if (declared == null) {
        binder.problem(paramKey, e.getValue().render(), accepted.isEmpty() ? "no parameters for " + name
            : "a parameter of " + name + ": one of " + PipelineOps.PARAMETERS.get(name));
        continue;
      }
      List<Double> numbers = numbers(paramKey, e.getValue());
      if (numbers == null) {
        continue;
      }
      String why = declared.check(numbers, channels);
      if (why != null) {
        binder.problem(paramKey, render(numbers), why);
        continue;
      }
      params.put(param, numbers);
    }
    return new OpSpec(name, params, datasetStats);
  }

  /**
   * {@code stats = dataset | given} of normalize and lighting: true for dataset, which excludes
   * the parameters that the dataset supplies.
   */
  private boolean datasetStats(String key, String name, ConfigObject object) {
    ConfigValue stats = object.get(PipelineOps.STATS);
    if (stats == null) {
      return false;
    }
    String statsKey = key + "." + PipelineOps.STATS;
    List<String> supplied = PipelineOps.DATASET_STATS.get(name);
    if (supplied == null) {
      binder.problem(statsKey, stats.render(), "no stats for " + name + ": only "
          + String.join(" and ", PipelineOps.DATASET_STATS.keySet().stream().sorted().toList()) + " take stats");
      return false;
    }
    boolean dataset = stats.valueType() == ConfigValueType.STRING
        && PipelineOps.STATS_DATASET.equals(stats.unwrapped());
    boolean given = stats.valueType() == ConfigValueType.STRING && PipelineOps.STATS_GIVEN.equals(stats.unwrapped());
    if (!dataset && !given) {
      binder.problem(statsKey, stats.render(),
          "dataset (from the index of the pack in data.train, written by convoy pack) or given (the parameters "
              + supplied + " or their defaults)");
      return false;
    }
    if (dataset) {
      for (String param : supplied) {
        if (object.containsKey(param)) {
          binder.problem(key + "." + param, object.get(param).render(), "no value with stats = dataset, which supplies "
              + supplied + " from the pack's index (or stats = given to set them)");
        }
      }
    }
    return dataset;
  }

  private List<Double> numbers(String key, ConfigValue value) {
    if (value.valueType() == ConfigValueType.NUMBER) {
      return List.of(((Number) value.unwrapped()).doubleValue());
    }
    if (value.valueType() == ConfigValueType.LIST) {
      List<Double> result = new ArrayList<>();
      for (ConfigValue item : (ConfigList) value) {
        if (item.valueType() != ConfigValueType.NUMBER) {
          binder.problem(key, value.render(), "a number or a list of numbers");
          return null;
        }
        result.add(((Number) item.unwrapped()).doubleValue());
      }
      return result;
    }
    binder.problem(key, value.render(), "a number or a list of numbers");
    return null;
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String render(List<Double> v) {
    return v.size() == 1 ? Kinds.fmt(v.get(0)) : v.stream().map(Kinds::fmt)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
