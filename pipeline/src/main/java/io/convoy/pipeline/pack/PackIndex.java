package io.convoy.pipeline.pack;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.convoy.pipeline.dataset.DatasetException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pack's {@code index.json}: what it holds (classes, counts per class and per shard) and
 * the pixel statistics computed over all its images when it was written.
 *
 * @param source the dataset folder it was packed from
 * @param classes class names in label order
 * @param shards its SequenceFiles
 * @param stats RGB pixel statistics over every packed image (pixels in [0, 1])
 * @param skipped files of the source that were not packed (listed in {@code skipped.txt})
 */
public record PackIndex(String source, List<String> classes, List<PackShard> shards, ChannelStats stats,
    int skipped) implements Serializable {
  /** Written into the index so that a reader can refuse a format it does not know. */
  public static final String FORMAT = "convoy-pack";
  public static final int VERSION = 1;

  public PackIndex {
    classes = List.copyOf(classes);
    shards = List.copyOf(shards);
  }

  /** Images in the pack. */
  public long count() {
    return shards.stream().mapToLong(PackShard::count).sum();
  }

  /** Images per label over all shards. */
  public List<Long> classCounts() {
    long[] counts = new long[classes.size()];
    for (PackShard s : shards) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += s.classCounts().get(i);
      }
    }
    return java.util.Arrays.stream(counts).boxed().toList();
  }

  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("source", source);
    root.put("classes", classes);
    root.put("images", count());
    root.put("class_counts", classCounts());
    root.put("skipped", skipped);
    List<Object> shardList = new ArrayList<>();
    for (PackShard s : shards) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", s.file());
      m.put("count", s.count());
      m.put("class_counts", s.classCounts());
      shardList.add(m);
    }
    root.put("shards", shardList);
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("pixels", stats.pixels());
    st.put("mean", ChannelStats.list(stats.mean()));
    st.put("std", ChannelStats.list(stats.std()));
    st.put("covariance", ChannelStats.list(stats.covariance()));
    st.put("eigval", ChannelStats.list(stats.eigval()));
    st.put("eigvec", ChannelStats.list(stats.eigvec()));
    root.put("stats", st);
    return ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.concise().setFormatted(true)) + "\n";
  }

  /**
   * @param where the index's location, for messages
   * @throws DatasetException when the text is not a convoy pack index of a known version
   */
  public static PackIndex fromJson(String json, String where) {
    try {
      Config c = ConfigFactory.parseString(json);
      if (!FORMAT.equals(c.getString("format")) || c.getInt("version") != VERSION) {
        throw new DatasetException(where + " is a " + c.getString("format") + " version " + c.getInt("version")
            + " index: expected " + FORMAT + " version " + VERSION + " (written by convoy pack)");
      }
      List<PackShard> shards = new ArrayList<>();
      for (Config s : c.getConfigList("shards")) {
        shards.add(new PackShard(s.getString("file"), s.getLong("count"), s.getLongList("class_counts")));
      }
      Config st = c.getConfig("stats");
      ChannelStats stats = new ChannelStats(st.getLong("pixels"), doubles(st, "mean"), doubles(st, "std"),
          doubles(st, "covariance"), doubles(st, "eigval"), doubles(st, "eigvec"));
      return new PackIndex(c.getString("source"), c.getStringList("classes"), shards, stats, c.getInt("skipped"));
    } catch (com.typesafe.config.ConfigException e) {
      throw new DatasetException(where + " is not a valid pack index (" + e.getMessage()
          + "): write the pack again with convoy pack", e);
    }
  }

  private static double[] doubles(Config c, String key) {
    return c.getDoubleList(key).stream().mapToDouble(Double::doubleValue).toArray();
  }
}
