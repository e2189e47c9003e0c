package io.convoy.driver.data;

import io.convoy.conf.ConfigException;
import io.convoy.conf.DataConfig;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.CatalogSplit;
import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.data.HadoopConf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Training images handed over as rows (a Spark application's DataFrame) rather than named by
 * {@code data.train}. The driver holds only the rows' keys (path and label): they are catalogued
 * like a folder's files (sorted by label, then path; {@code data.val-fraction} held out by the
 * same hash of {@code <class>/<file>}) and sharded by {@code Sharder}, and each row's bytes go to
 * its shard's partition by key. So the shards, and the run, depend on the rows and the seed only,
 * not on how the rows are partitioned, and rows of a class folder give the run of that folder.
 */
public final class RowImages implements TrainingImages {
  private final String root;
  private final List<String> classes;
  private final List<Sample> keys;
  private final JavaRDD<EncodedSample> rows;

  /**
   * @param root what the rows are, as the run's dataset root (e.g. their common folder)
   * @param classes class names in label order
   * @param keys every row's path (unique) and label, in any order
   * @param rows the rows' paths, labels and encoded image bytes, partitioned in any way
   * @throws DatasetException when two rows have the same path, or a label is not a class index
   */
  public RowImages(String root, List<String> classes, List<Sample> keys, JavaRDD<EncodedSample> rows) {
    this.root = root;
    this.classes = List.copyOf(classes);
    this.rows = rows;
    Set<String> seen = new HashSet<>();
    for (Sample key : keys) {
      if (!seen.add(key.path())) {
        throw new DatasetException("two rows have the path " + key.path()
            + ": a row's path is its key for sharding and augmentation, so each must be unique");
      }
      if (key.label() < 0 || key.label() >= classes.size()) {
        throw new DatasetException("row " + key.path() + " has label " + key.label() + ": expected 0 to "
            + (classes.size() - 1) + ", one of the " + classes.size() + " classes " + classes);
      }
    }
    List<Sample> sorted = new ArrayList<>(keys);
    sorted.sort(Sample.ORDER);
    this.keys = sorted;
  }

  @Override
  public DatasetPlan plan(DataConfig data, Configuration hadoop, long seed) {
    if (data.val() != null) {
      throw new ConfigException("data.val", data.val(),
          "null when training on rows: data.val-fraction of the rows is held out for validation");
    }
    if (keys.isEmpty()) {
      throw new DatasetException("no rows to train on: the training rows are empty");
    }
    CatalogSplit split = new Catalog(root, classes, keys, List.of()).split(data.valFraction(), seed);
    return new DatasetPlan(split.train(), split.val(), null, null);
  }

  @Override
  public ShardCache.Loaded load(JavaSparkContext sc, DatasetPlan plan, List<List<Sample>> shards, boolean validation,
      HadoopConf hadoop) {
    String name = validation ? "validation rows" : "training rows";
    Map<String, Long> slots = new HashMap<>();
    for (int shard = 0; shard < shards.size(); shard++) {
      List<Sample> members = shards.get(shard);
      for (int i = 0; i < members.size(); i++) {
        slots.put(members.get(i).path(), PackedRecordRouter.slot(shard, i));
      }
    }
    Broadcast<Map<String, Long>> broadcast = sc.broadcast(slots);
    JavaRDD<EncodedSample> routed = rows
        .flatMapToPair(row -> {
          Long slot = broadcast.value().get(row.path());
          return slot == null ? List.<Tuple2<Long, EncodedSample>>of().iterator()
              : List.of(new Tuple2<>(slot, row)).iterator();
        })
        .repartitionAndSortWithinPartitions(new ShardPartitioner(shards.size()))
        .values();
    return ShardCache.cache(sc, shards, routed, name, true,
        name + ": %d of the %d rows catalogued were found again (the rows changed between passes; "
            + "cache or checkpoint a DataFrame that is not deterministic)");
  }
}
