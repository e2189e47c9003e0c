package io.convoy.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a resolved configuration to {@link ConvoyConfig}: the one place where values are
 * checked. Binding goes on past a bad value so that every problem is reported at once.
 */
final class ConfigBinder {
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\]|local-cluster\\[[0-9]+,[0-9]+,[0-9]+\\]"
          + "|spark://.+|yarn|k8s://.+|mesos://.+");

  private final Config config;
  private final List<ConfigProblem> problems;

  ConfigBinder(Config config, List<ConfigProblem> earlierProblems) {
    this.config = config;
    this.problems = new ArrayList<>(earlierProblems);
  }

  ConvoyConfig bind() {
    DataConfig data = bindData();
    PipelineConfig pipeline = new PipelineConfig(
        ops("pipeline.train", data), ops("pipeline.eval", data));
    pipeline.eval().stream().map(OpSpec::op).filter(PipelineOps.RANDOM::contains).findFirst().ifPresent(op ->
        problem("pipeline.eval", op, "operations without randomness (evaluation must be repeatable): not "
            + String.join(", ", PipelineOps.RANDOM)));
    ModelConfig model = bindModel();
    OptimizerConfig optimizer = bindOptimizer();
    AveragingConfig averaging = new AveragingConfig(
        enumOf("training.averaging.mode", AveragingMode.class),
        integer("training.averaging.frequency", 1, 1_000_000),
        enumOf("training.averaging.updater-state", UpdaterStatePolicy.class),
        integer("training.averaging.aggregation-depth", 1, 10));
    TrainingConfig training = new TrainingConfig(
        integer("training.epochs", 1, 100_000),
        integer("training.batch-size", 1, 65_536),
        integer("training.workers", 1, 100_000),
        averaging,
        seed("training.seed"),
        enumOf("training.engine", EngineName.class),
        integer("training.prefetch-batches", 0, 1024),
        enumOf("training.transport", TransportName.class),
        bindAllreduce());
    if (training.transport() == TransportName.ALLREDUCE && training.engine() != EngineName.CONVOY) {
      problem("training.transport", "allreduce with training.engine = " + training.engine().configName(),
          "jobs (the allreduce transport is convoy's own; set training.engine = convoy to use it)");
    }
    ClusterConfig cluster = new ClusterConfig(master("cluster.master"),
        integer("cluster.threads-per-worker", 1, 1024),
        integer("cluster.loader-threads", 1, 256), bool("cluster.memory-check"),
        integer("cluster.decoded-cache-mb", 0, 1_000_000));
    OutputConfig output = new OutputConfig(nonEmpty("output.dir"), bool("output.report"),
        integer("output.train-metrics-images", 0, Integer.MAX_VALUE));
    CheckpointConfig checkpoint = new CheckpointConfig(
        config.getIsNull("checkpoint.dir") ? null : nonEmpty("checkpoint.dir"),
        integer("checkpoint.every-rounds", 0, 100_000_000),
        integer("checkpoint.every-epochs", 0, 100_000),
        integer("checkpoint.keep", 1, 10_000),
        bool("checkpoint.model-zip"),
        integer("checkpoint.rollbacks", 0, 1000),
        number("checkpoint.rollback-lr-factor", 0, false, 0.999_999, "a multiplier in (0, 1)"));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ConvoyConfig(data, pipeline, model, optimizer, training, cluster, output, checkpoint);
  }

  private AllreduceConfig bindAllreduce() {
    String p = "training.allreduce.";
    int[] ports = portRange(p + "port-range");
    long timeout = millis(p + "timeout", 100, 86_400_000L);
    int chunk = (int) bytes(p + "chunk-size", 1024, 1L << 30);
    String compression = oneOf(p + "compression", AllreduceConfig.COMPRESSIONS);
    return new AllreduceConfig(ports[0], ports[1], timeout, chunk, compression, bool(p + "fallback-to-jobs"));
  }

  /** ephemeral (as {0, 0}), a port, or LOW-HIGH with 1024 <= LOW <= HIGH <= 65535. */
  private int[] portRange(String key) {
    String allowed = "ephemeral, a port or a range LOW-HIGH within [1024, 65535], e.g. \"50000-50100\"";
    try {
      String s = config.getString(key).trim();
      if (s.equals("ephemeral")) {
        return new int[] {0, 0};
      }
      String[] parts = s.split("-", -1);
      if (parts.length <= 2) {
        int low = Integer.parseInt(parts[0].trim());
        int high = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : low;
        if (low >= 1024 && low <= high && high <= 65535) {
          return new int[] {low, high};
        }
      }
    } catch (com.typesafe.config.ConfigException | NumberFormatException ignored) {
      // reported below
    }
    problem(key, found(key), allowed);
    return new int[] {0, 0};
  }

  /** A duration (HOCON: 30s, 2m, 500ms) in [min, max] milliseconds. */
  private long millis(String key, long min, long max) {
    try {
      long ms = config.getDuration(key, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (ms >= min && ms <= max) {
        return ms;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a duration from " + min + "ms to " + max / 3_600_000 + "h, e.g. 30s or 2m");
    return min;
  }

  /** A size in bytes (HOCON: 1m, 256k, 65536) in [min, max]. */
  private long bytes(String key, long min, long max) {
    try {
      long b = config.getBytes(key);
      if (b >= min && b <= max) {
        return b;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a size from " + min / 1024 + "k to " + max / (1 << 20) + "m, e.g. 1m or 256k");
    return min;
  }

  private ModelConfig bindModel() {
    String arch = oneOf("model.arch", ModelConfig.ARCHITECTURES);
    ActivationName activation = enumOf("model.activation", ActivationName.class);
    double alpha = number("model.leakyrelu-alpha", 0, true, 1, "a slope in [0, 1]");
    WeightInitConfig init = new WeightInitConfig(enumOf("model.weight-init", WeightInitName.class),
        number("model.weight-init-range", 0, false, 10, "a half-width in (0, 10]"),
        number("model.weight-init-sigma", 0, false, 10, "a standard deviation in (0, 10]"));
    Boolean batchNorm = autoOrBoolean("model.batch-norm");
    if (Boolean.FALSE.equals(batchNorm) && ModelConfig.BATCH_NORM_REQUIRED.contains(arch)) {
      problem("model.batch-norm", "false with model.arch = " + arch,
          "auto or true (" + arch + " is defined with batch norm); batch norm can be off for "
              + String.join(", ", without(ModelConfig.ARCHITECTURES, ModelConfig.BATCH_NORM_REQUIRED)));
    }
    Double dropout = autoOrNumber("model.dropout", "auto or a dropout rate in [0, 1)");
    LossName loss = enumOf("model.loss", LossName.class);
    PoolingName pooling = enumOf("model.pooling", PoolingName.class);
    if (pooling != PoolingName.AUTO && ModelConfig.POOLING_FIXED.contains(arch)) {
      problem("model.pooling", pooling.configName() + " with model.arch = " + arch,
          "auto (" + arch + " defines its pooling); max or avg are for "
              + String.join(", ", without(ModelConfig.ARCHITECTURES, ModelConfig.POOLING_FIXED)));
    }
    boolean aux = bool("model.aux-classifiers");
    if (aux && !ModelConfig.WITH_AUX_CLASSIFIERS.contains(arch)) {
      problem("model.aux-classifiers", "true with model.arch = " + arch,
          "false; auxiliary classifiers exist for " + String.join(", ", ModelConfig.WITH_AUX_CLASSIFIERS));
    }
    return new ModelConfig(arch, classes("model.classes"), activation, alpha, init, batchNorm, dropout, loss,
        pooling, aux);
  }

  private OptimizerConfig bindOptimizer() {
    OptimizerName name = enumOf("optimizer.name", OptimizerName.class);
    double lr = number("optimizer.lr", 0, false, 10, "a learning rate in (0, 10]");
    double momentum = number("optimizer.momentum", 0, true, 1, "a coefficient in [0, 1)");
    if (momentum == 1) {
      problem("optimizer.momentum", "1", "a coefficient in [0, 1)");
    }
    double weightDecay = number("optimizer.weight-decay", 0, true, 1, "a coefficient in [0, 1)");
    double l1 = number("optimizer.l1", 0, true, 1, "a coefficient in [0, 1)");
    ClippingConfig clipping = new ClippingConfig(enumOf("optimizer.gradient-clipping", ClippingName.class),
        number("optimizer.clipping-threshold", 0, false, 1e6, "a positive threshold"));
    boolean scale = bool("optimizer.scale-with-workers");
    ScheduleConfig schedule = bindSchedule(lr);
    EarlyStoppingConfig early = new EarlyStoppingConfig(
        integer("optimizer.early-stopping.patience", 0, 100_000),
        enumOf("optimizer.early-stopping.metric", MetricName.class),
        enumOf("optimizer.early-stopping.mode", MetricMode.class),
        number("optimizer.early-stopping.min-delta", 0, true, 1e6, "a non-negative change"));
    return new OptimizerConfig(name, lr, momentum, weightDecay, l1, clipping, scale, schedule, early);
  }

  private ScheduleConfig bindSchedule(double lr) {
    String p = "optimizer.schedule.";
    ScheduleName name = enumOf(p + "name", ScheduleName.class);
    double gamma = number(p + "gamma", 0, false, 1, "a multiplier in (0, 1]");
    double stepEpochs = number(p + "step-epochs", 0, false, 1e6, "a positive number of epochs");
    List<Double> milestones = numberList(p + "milestones");
    for (int i = 1; i < milestones.size(); i++) {
      if (milestones.get(i) <= milestones.get(i - 1)) {
        problem(p + "milestones", found(p + "milestones"), "strictly increasing epochs");
        break;
      }
    }
    if (milestones.stream().anyMatch(m -> m <= 0)) {
      problem(p + "milestones", found(p + "milestones"), "positive epochs");
    }
    if (name == ScheduleName.MULTISTEP && milestones.isEmpty()) {
      problem(p + "milestones", "[] with schedule multistep", "at least one epoch, e.g. [30, 60, 90]");
    }
    double power = number(p + "power", 0, false, 100, "an exponent in (0, 100]");
    double minLr = number(p + "min-lr", 0, true, 10, "a learning rate in [0, 10]");
    if (minLr >= lr && (name == ScheduleName.COSINE || name == ScheduleName.POLY || name == ScheduleName.PLATEAU)) {
      problem(p + "min-lr", fmt(minLr) + " with optimizer.lr = " + fmt(lr),
          "a final rate below optimizer.lr for " + name.configName());
    }
    double warmup = number(p + "warmup-epochs", 0, true, 1e6, "a non-negative number of epochs");
    int epochs = rawEpochs();
    if (warmup > 0 && epochs > 0 && warmup >= epochs) {
      problem(p + "warmup-epochs", fmt(warmup) + " with training.epochs = " + epochs,
          "fewer warmup epochs than training.epochs");
    }
    Double start = autoOrNumber(p + "warmup-start-factor", "auto or a fraction in [0, 1)");
    PlateauConfig plateau = new PlateauConfig(
        enumOf(p + "plateau.metric", MetricName.class),
        enumOf(p + "plateau.mode", MetricMode.class),
        integer(p + "plateau.patience", 0, 100_000),
        number(p + "plateau.factor", 0, false, 0.999_999, "a multiplier in (0, 1)"),
        number(p + "plateau.min-delta", 0, true, 1e6, "a non-negative change"));
    return new ScheduleConfig(name, gamma, stepEpochs, milestones, power, minLr, warmup, start, plateau);
  }

  /** training.epochs as written, or 0 when it is not a number (reported where training is bound). */
  private int rawEpochs() {
    try {
      return config.getInt("training.epochs");
    } catch (com.typesafe.config.ConfigException e) {
      return 0;
    }
  }

  private Boolean autoOrBoolean(String key) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.BOOLEAN) {
        return (Boolean) v.unwrapped();
      }
      if (v.valueType() == ConfigValueType.STRING && "auto".equals(v.unwrapped())) {
        return null;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "auto, true or false");
    return null;
  }

  /** null for auto, or a number in [0, 1). */
  private Double autoOrNumber(String key, String allowed) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.STRING && "auto".equals(v.unwrapped())) {
        return null;
      }
      if (v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d >= 0 && d < 1) {
          return d;
        }
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), allowed);
    return null;
  }

  private boolean bool(String key) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.BOOLEAN) {
        return (Boolean) v.unwrapped();
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "true or false");
    return false;
  }

  private List<Double> numberList(String key) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.LIST) {
        List<Double> result = numbers(key, v);
        return result == null ? List.of() : result;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a list of numbers, e.g. [30, 60, 90]");
    return List.of();
  }

  private static List<String> without(List<String> all, List<String> excluded) {
    return all.stream().filter(a -> !excluded.contains(a)).toList();
  }

  private DataConfig bindData() {
    String train = nonEmpty("data.train");
    String val = config.getIsNull("data.val") ? null : nonEmpty("data.val");
    double valFraction = number("data.val-fraction", 0, true, 0.9, "a fraction in [0, 0.9]");
    if (val == null && valFraction == 0) {
      problem("data.val-fraction", "0 with data.val unset",
          "a fraction in (0, 0.9] or a validation folder in data.val");
    }
    return new DataConfig(train, val, valFraction,
        integer("data.image-size", 8, 4096), oneOfInts("data.channels", 1, 3),
        integer("data.max-skipped", 0, Integer.MAX_VALUE - 1));
  }

  /**
   * An ordered list of operations: a preset name alone, or a list whose elements are operation
   * names, {op = NAME, ...parameters} objects or preset names (expanded in place).
   */
  private List<OpSpec> ops(String key, DataConfig data) {
    List<OpSpec> result = new ArrayList<>();
    String presets = String.join(", ", PipelineOps.PRESETS);
    if (config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.STRING) {
      String name = config.getString(key);
      List<OpSpec> preset = PipelineOps.preset(name, data.imageSize(), data.channels());
      if (preset == null) {
        problem(key, quote(name), "a preset (" + presets + ") or a list of operations, e.g. [resize, center-crop, normalize]");
        return result;
      }
      return preset;
    }
    ConfigList list;
    try {
      list = config.getList(key);
    } catch (com.typesafe.config.ConfigException e) {
      problem(key, found(key), "a preset (" + presets + ") or a list of operations, e.g. [resize, center-crop, normalize]");
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      ConfigValue value = list.get(i);
      if (value.valueType() == ConfigValueType.STRING) {
        List<OpSpec> preset = PipelineOps.preset((String) value.unwrapped(), data.imageSize(), data.channels());
        if (preset != null) {
          result.addAll(preset);
          continue;
        }
      }
      OpSpec op = op(key + "[" + i + "]", value, data.channels());
      if (op != null) {
        result.add(op);
      }
    }
    return result;
  }

  private OpSpec op(String key, ConfigValue value, int channels) {
    String allowedOps = String.join(", ", PipelineOps.PARAMETERS.keySet().stream().sorted().toList())
        + " (or a preset: " + String.join(", ", PipelineOps.PRESETS) + ")";
    String name;
    ConfigObject object = null;
    if (value.valueType() == ConfigValueType.STRING) {
      name = (String) value.unwrapped();
      if (!PipelineOps.OPS.containsKey(name)) {
        problem(key, quote(name), "an operation: one of " + allowedOps);
        return null;
      }
    } else if (value.valueType() == ConfigValueType.OBJECT) {
      object = (ConfigObject) value;
      ConfigValue opValue = object.get("op");
      if (opValue == null || opValue.valueType() != ConfigValueType.STRING
          || !PipelineOps.OPS.containsKey((String) opValue.unwrapped())) {
        problem(key + ".op", opValue == null ? "missing" : opValue.render(),
            "an operation: one of " + String.join(", ", PipelineOps.PARAMETERS.keySet().stream().sorted().toList()));
        return null;
      }
      name = (String) opValue.unwrapped();
    } else {
      problem(key, value.render(), "an operation name, a preset name or {op = NAME, ...parameters}");
      return null;
    }
    if (channels != 3 && PipelineOps.RGB_ONLY.contains(name)) {
      problem(key, quote(name), "an operation for " + channels + "-channel images: " + name
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
        problem(paramKey, e.getValue().render(), accepted.isEmpty() ? "no parameters for " + name
            : "a parameter of " + name + ": one of " + PipelineOps.PARAMETERS.get(name));
        continue;
      }
      List<Double> numbers = numbers(paramKey, e.getValue());
      if (numbers == null) {
        continue;
      }
      String why = declared.check(numbers, channels);
      if (why != null) {
        problem(paramKey, render(numbers), why);
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
      problem(statsKey, stats.render(), "no stats for " + name + ": only "
          + String.join(" and ", PipelineOps.DATASET_STATS.keySet().stream().sorted().toList()) + " take stats");
      return false;
    }
    boolean dataset = stats.valueType() == ConfigValueType.STRING
        && PipelineOps.STATS_DATASET.equals(stats.unwrapped());
    if (!dataset && !(stats.valueType() == ConfigValueType.STRING && PipelineOps.STATS_GIVEN.equals(stats.unwrapped()))) {
      problem(statsKey, stats.render(), "dataset (from the index of the pack in data.train, written by convoy pack) "
          + "or given (the parameters " + supplied + " or their defaults)");
      return false;
    }
    if (dataset) {
      for (String param : supplied) {
        if (object.containsKey(param)) {
          problem(key + "." + param, object.get(param).render(), "no value with stats = dataset, which supplies "
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
          problem(key, value.render(), "a number or a list of numbers");
          return null;
        }
        result.add(((Number) item.unwrapped()).doubleValue());
      }
      return result;
    }
    problem(key, value.render(), "a number or a list of numbers");
    return null;
  }

  private String nonEmpty(String key) {
    try {
      String s = config.getString(key);
      if (!s.isBlank()) {
        return s;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a non-empty string");
    return "";
  }

  private String master(String key) {
    String s = nonEmpty(key);
    if (!s.isEmpty() && !MASTER.matcher(s).matches()) {
      problem(key, quote(s), "a Spark master URL: local[*], local[N], local-cluster[N,C,M], "
          + "spark://HOST:PORT, yarn, k8s://URL");
    }
    return s;
  }

  private String oneOf(String key, List<String> allowed) {
    try {
      String s = config.getString(key);
      if (allowed.contains(s)) {
        return s;
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "one of " + String.join(", ", allowed));
    return allowed.get(0);
  }

  private <E extends Enum<E> & ConfigName> E enumOf(String key, Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(ConfigName::configName).toList();
    String name = oneOf(key, names);
    return type.getEnumConstants()[names.indexOf(name)];
  }

  private int integer(String key, int min, int max) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d == Math.rint(d) && d >= min && d <= max) {
          return (int) d;
        }
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a whole number in [" + min + ", " + max + "]");
    return min;
  }

  private int oneOfInts(String key, int... allowed) {
    int v = integer(key, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
    for (int a : allowed) {
      if (a == v) {
        return v;
      }
    }
    if (config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.NUMBER) {
      problem(key, found(key), "one of " + Arrays.stream(allowed).mapToObj(String::valueOf)
          .collect(Collectors.joining(", ")));
    }
    return allowed[0];
  }

  private long seed(String key) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long) {
        return ((Number) v.unwrapped()).longValue();
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "a whole number");
    return 0;
  }

  private int classes(String key) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.STRING && "auto".equals(v.unwrapped())) {
        return 0;
      }
      if (v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d == Math.rint(d) && d >= 2 && d <= 1_000_000) {
          return (int) d;
        }
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), "auto (as many as the dataset has) or a whole number >= 2");
    return 0;
  }

  /** A number in [min, max] (or (min, max] when {@code minInclusive} is false). */
  private double number(String key, double min, boolean minInclusive, double max, String allowed) {
    try {
      ConfigValue v = config.getValue(key);
      if (v.valueType() == ConfigValueType.NUMBER) {
        double d = ((Number) v.unwrapped()).doubleValue();
        boolean aboveMin = minInclusive ? d >= min : d > min;
        if (aboveMin && d <= max && Double.isFinite(d)) {
          return d;
        }
      }
    } catch (com.typesafe.config.ConfigException ignored) {
      // reported below
    }
    problem(key, found(key), allowed);
    return min;
  }

  private String found(String key) {
    try {
      if (!config.hasPathOrNull(key)) {
        return "missing";
      }
      if (config.getIsNull(key)) {
        return "null";
      }
      return config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
    } catch (com.typesafe.config.ConfigException e) {
      return "an unreadable value";
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String render(List<Double> v) {
    return v.size() == 1 ? fmt(v.get(0)) : v.stream().map(ConfigBinder::fmt)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d).toLowerCase(Locale.ROOT);
  }

  private void problem(String key, String found, String allowed) {
    problems.add(new ConfigProblem(key, found, allowed));
  }
}
