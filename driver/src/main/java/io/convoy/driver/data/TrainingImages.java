package io.convoy.driver.data;

import io.convoy.conf.DataConfig;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.worker.data.HadoopConf;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where a training run's images come from: the catalogs it plans its shards with, and the
 * shards' bytes cached on the executors. {@link #FOLDERS} reads {@code data.train} and
 * {@code data.val} (folders or packs), {@link RowImages} rows a Spark application hands over;
 * everything after these two steps is the same run.
 */
public interface TrainingImages {
  /** The folders or packs of {@code data.train} and {@code data.val}. */
  TrainingImages FOLDERS = new TrainingImages() {
    @Override
    public DatasetPlan plan(DataConfig data, Configuration hadoop, long seed) {
      return DatasetPlan.of(data, hadoop, seed);
    }

    @Override
    public ShardCache.Loaded load(JavaSparkContext sc, DatasetPlan plan, List<List<Sample>> shards,
        boolean validation, HadoopConf hadoop) {
      boolean packed = (validation ? plan.valPack() : plan.trainPack()) != null;
      String root = validation ? plan.val().root() : plan.train().root();
      return ShardCache.loadChecked(sc, shards, packed ? root : null, hadoop,
          validation ? "validation shards" : "training shards");
    }
  };

  /** The training and validation catalogs, with the same classes. */
  DatasetPlan plan(DataConfig data, Configuration hadoop, long seed);

  /**
   * The shards' images cached on the executors, partition i holding shard i in the shard's
   * order, with those left out because no decoder would read them.
   *
   * @param validation whether the shards are {@code plan}'s validation samples
   */
  ShardCache.Loaded load(JavaSparkContext sc, DatasetPlan plan, List<List<Sample>> shards, boolean validation,
      HadoopConf hadoop);
}
