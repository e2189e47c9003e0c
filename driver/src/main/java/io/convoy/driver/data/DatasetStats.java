package io.convoy.driver.data;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.PipelineConfig;
import io.convoy.conf.settings.PipelineOps;
import io.convoy.pipeline.pack.ChannelStats;
import io.convoy.pipeline.pack.PackIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code stats = dataset} of normalize and lighting: puts the training pack's pixel
 * statistics into the operations' parameters, so that the pipeline (and the run's
 * {@code config.conf}) holds the numbers actually used.
 */
public final class DatasetStats {
  private DatasetStats() {}

  /**
   * @throws ConfigException when an operation asks for dataset statistics and data.train is not
   *     a pack
   */
  public static ConvoyConfig resolve(ConvoyConfig config, Optional<PackIndex> pack) {
    List<OpSpec> train = resolve("pipeline.train", config.pipeline().train(), config, pack);
    List<OpSpec> eval = resolve("pipeline.eval", config.pipeline().eval(), config, pack);
    if (train.equals(config.pipeline().train()) && eval.equals(config.pipeline().eval())) {
      return config;
    }
    return config.withPipeline(new PipelineConfig(train, eval));
  }

  private static List<OpSpec> resolve(String key, List<OpSpec> ops, ConvoyConfig config, Optional<PackIndex> pack) {
    List<OpSpec> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      OpSpec op = ops.get(i);
      if (!op.datasetStats()) {
        out.add(op);
        continue;
      }
      if (pack.isEmpty()) {
        throw new ConfigException(key + "[" + i + "]." + PipelineOps.STATS,
            PipelineOps.STATS_DATASET + " with data.train = " + config.data().train() + ", which is not a pack",
            "a data.train written by convoy pack (its index.json holds the statistics), or stats = given");
      }
      ChannelStats stats = pack.get().stats();
      int channels = config.data().channels();
      out.add(op.withDatasetStats(switch (op.op()) {
        case PipelineOps.NORMALIZE -> Map.of("mean", stats.mean(channels), "std", stats.std(channels));
        case PipelineOps.LIGHTING -> Map.of("eigval", list(stats.eigval()), "eigvec", list(stats.eigvec()));
        default -> throw new IllegalStateException(op.op() + " cannot take dataset statistics");
      }));
    }
    return out;
  }

  private static List<Double> list(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
