package io.convoy.pipeline.pack;

import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.SkippedFile;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The layout of a pack folder written by {@code convoy pack}:
 * <ul>
 *   <li>{@code part-NNNNN.seq}: Hadoop SequenceFiles, key {@code Text} ({@link PackKey}: relative
 *       path and label), value {@code BytesWritable} (the image file's original bytes), not
 *       compressed (images are compressed already);
 *   <li>{@code index.json}: {@link PackIndex};
 *   <li>{@code keys.txt}: every record's key, one a line, so that the driver can plan shards
 *       without reading the images;
 *   <li>{@code labels.txt}: class names in label order; {@code skipped.txt}: files not packed.
 * </ul>
 * A packed sample's {@link Sample#path()} is {@code <pack>/<class>/<file>}: not a real file, but
 * it ends in the same {@code <class>/<file>} as the unpacked image, so validation splits and
 * random augmentations are the same for a dataset and its pack.
 */
public final class PackedDataset {
  public static final String INDEX = "index.json";
  public static final String KEYS = "keys.txt";
  public static final String LABELS = "labels.txt";
  public static final String SKIPPED = "skipped.txt";
  /** Glob of the shard files, for Hadoop input formats. */
  public static final String SHARD_GLOB = "part-*.seq";

  private PackedDataset() {}

  /** The name of shard {@code i}'s file. */
  public static String shardFile(int i) {
    return String.format(Locale.ROOT, "part-%05d.seq", i);
  }

  /** Whether {@code uri} is a folder holding a pack index (checked before listing it as images). */
  public static boolean isPack(String uri, Configuration hadoop) {
    try {
      Path index = new Path(uri, INDEX);
      return index.getFileSystem(hadoop).isFile(index);
    } catch (IOException | IllegalArgumentException e) {
      return false; // not readable as a pack; the catalog scan reports what is wrong
    }
  }

  /** The qualified URI of the pack folder. */
  public static String qualified(String uri, Configuration hadoop) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(hadoop).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + uri + ": " + e.getMessage(), e);
    }
  }

  public static PackIndex index(String uri, Configuration hadoop) {
    String where = new Path(uri, INDEX).toString();
    return PackIndex.fromJson(String.join("\n", lines(uri, INDEX, hadoop)), where);
  }

  /**
   * The pack's images as a catalog (samples with {@code <pack>/<class>/<file>} paths, in catalog
   * order), with the files skipped when it was written.
   *
   * @throws DatasetException when the index and the key list disagree or a key is malformed
   */
  public static Catalog catalog(String uri, Configuration hadoop) {
    String root = qualified(uri, hadoop);
    PackIndex index = index(root, hadoop);
    List<Sample> samples = new ArrayList<>();
    for (String line : lines(root, KEYS, hadoop)) {
      if (line.isEmpty()) {
        continue;
      }
      PackKey key;
      try {
        key = PackKey.decode(line);
      } catch (IllegalArgumentException e) {
        throw new DatasetException(new Path(root, KEYS) + ": " + e.getMessage(), e);
      }
      if (key.label() >= index.classes().size()) {
        throw new DatasetException(new Path(root, KEYS) + ": label " + key.label() + " of " + key.path()
            + " is not one of the " + index.classes().size() + " classes of " + INDEX);
      }
      samples.add(new Sample(root + "/" + key.path(), key.label()));
    }
    if (samples.size() != index.count()) {
      throw new DatasetException(root + " lists " + samples.size() + " images in " + KEYS + " but " + index.count()
          + " in " + INDEX + ": the pack is incomplete; write it again with convoy pack");
    }
    samples.sort(Sample.ORDER);
    List<SkippedFile> skipped = new ArrayList<>();
    if (index.skipped() > 0) {
      for (String line : lines(root, SKIPPED, hadoop)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          skipped.add(new SkippedFile(line.substring(0, tab), line.substring(tab + 1)));
        }
      }
    }
    return new Catalog(root, index.classes(), samples, skipped);
  }

  /** {@code <class>/<file>} of a sample of a pack (or of a folder): its last two path segments. */
  public static String relativePath(String samplePath) {
    int file = samplePath.lastIndexOf('/');
    int dir = file > 0 ? samplePath.lastIndexOf('/', file - 1) : -1;
    return samplePath.substring(dir + 1);
  }

  private static List<String> lines(String root, String name, Configuration hadoop) {
    Path path = new Path(root, name);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        return in.lines().toList();
      }
    } catch (FileNotFoundException e) {
      throw new DatasetException("pack " + root + " has no " + name + ": write it again with convoy pack", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
