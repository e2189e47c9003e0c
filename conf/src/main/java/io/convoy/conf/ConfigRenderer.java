package io.convoy.conf;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a configuration back as HOCON, with every key explicit, so that a run's
 * {@code config.conf} reproduces it: {@code ConfigLoader.parse(render(c)).equals(c)}.
 */
public final class ConfigRenderer {
  private ConfigRenderer() {}

  public static String render(ConvoyConfig c) {
    Map<String, Object> root = new LinkedHashMap<>();
    DataConfig d = c.data();
    root.put("data", map(
        "train", d.train(), "val", d.val(), "val-fraction", d.valFraction(),
        "image-size", d.imageSize(), "channels", d.channels(), "max-skipped", d.maxSkipped()));
    root.put("pipeline", map("train", ops(c.pipeline().train()), "eval", ops(c.pipeline().eval())));
    ModelConfig m = c.model();
    root.put("model", map("arch", m.arch(),
        "classes", m.classesFromData() ? "auto" : m.classes(),
        "activation", m.activation().configName(), "leakyrelu-alpha", m.leakyReluAlpha(),
        "weight-init", m.weightInit().name().configName(), "weight-init-range", m.weightInit().range(),
        "weight-init-sigma", m.weightInit().sigma(),
        "batch-norm", m.batchNorm() == null ? "auto" : m.batchNorm(),
        "dropout", m.dropout() == null ? "auto" : m.dropout(),
        "loss", m.loss().configName(), "pooling", m.pooling().configName(),
        "aux-classifiers", m.auxClassifiers()));
    OptimizerConfig o = c.optimizer();
    ScheduleConfig s = o.schedule();
    PlateauConfig pl = s.plateau();
    EarlyStoppingConfig es = o.earlyStopping();
    root.put("optimizer", map("name", o.name().configName(), "lr", o.lr(), "momentum", o.momentum(),
        "weight-decay", o.weightDecay(), "l1", o.l1(),
        "gradient-clipping", o.clipping().mode().configName(), "clipping-threshold", o.clipping().threshold(),
        "scale-with-workers", o.scaleWithWorkers(),
        "schedule", map("name", s.name().configName(), "gamma", s.gamma(), "step-epochs", s.stepEpochs(),
            "milestones", s.milestones(), "power", s.power(), "min-lr", s.minLr(),
            "warmup-epochs", s.warmupEpochs(),
            "warmup-start-factor", s.warmupStartFactor() == null ? "auto" : s.warmupStartFactor(),
            "plateau", map("metric", pl.metric().configName(), "mode", pl.mode().configName(),
                "patience", pl.patience(), "factor", pl.factor(), "min-delta", pl.minDelta())),
        "early-stopping", map("patience", es.patience(), "metric", es.metric().configName(),
            "mode", es.mode().configName(), "min-delta", es.minDelta())));
    TrainingConfig t = c.training();
    AveragingConfig a = t.averaging();
    root.put("training", map("epochs", t.epochs(), "batch-size", t.batchSize(), "workers", t.workers(),
        "averaging", map("mode", a.mode().configName(), "frequency", a.frequency(),
            "updater-state", a.updaterState().configName(), "aggregation-depth", a.aggregationDepth()),
        "seed", t.seed(), "engine", t.engine().configName(), "prefetch-batches", t.prefetchBatches(),
        "transport", t.transport().configName(),
        "allreduce", map("port-range", t.allreduce().portRange(), "timeout", t.allreduce().timeoutMillis() + "ms",
            "chunk-size", t.allreduce().chunkBytes(), "compression", t.allreduce().compression(),
            "fallback-to-jobs", t.allreduce().fallbackToJobs())));
    root.put("cluster", map("master", c.cluster().master(),
        "threads-per-worker", c.cluster().threadsPerWorker(), "loader-threads", c.cluster().loaderThreads(),
        "memory-check", c.cluster().memoryCheck(), "decoded-cache-mb", c.cluster().decodedCacheMb()));
    root.put("output", map("dir", c.output().dir(), "report", c.output().report(),
        "train-metrics-images", c.output().trainMetricsImages()));
    CheckpointConfig k = c.checkpoint();
    root.put("checkpoint", map("dir", k.dir(), "every-rounds", k.everyRounds(), "every-epochs", k.everyEpochs(),
        "keep", k.keep(), "model-zip", k.modelZip(),
        "rollbacks", k.rollbacks(), "rollback-lr-factor", k.rollbackLrFactor()));
    return ConfigValueFactory.fromMap(root).render(
        ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  private static List<Object> ops(List<OpSpec> ops) {
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

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
