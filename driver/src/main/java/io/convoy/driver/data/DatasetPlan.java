package io.convoy.driver.data;

import io.convoy.conf.DataConfig;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.CatalogSplit;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.pipeline.pack.PackIndex;
import io.convoy.pipeline.pack.PackedDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The training and validation catalogs of a run, with the same classes. Either may be an image
 * folder or a pack ({@code convoy pack}); a pack's index travels with it.
 *
 * @param trainPack the index when {@code data.train} is a pack, else null
 * @param valPack the index when the validation images come from a pack (data.val, or a split of
 *     a packed data.train), else null
 */
public record DatasetPlan(Catalog train, Catalog val, PackIndex trainPack, PackIndex valPack) {

  DatasetPlan(Catalog train, Catalog val) {
    this(train, val, null, null);
  }

  public static DatasetPlan of(DataConfig data, Configuration hadoop, long seed) {
    PackIndex trainPack = packIndex(data.train(), hadoop);
    Catalog train = catalog(data.train(), trainPack, hadoop);
    if (data.val() != null) {
      PackIndex valPack = packIndex(data.val(), hadoop);
      Catalog val = catalog(data.val(), valPack, hadoop);
      train.requireSameClasses(val);
      return new DatasetPlan(train, val, trainPack, valPack);
    }
    CatalogSplit split = train.split(data.valFraction(), seed);
    return new DatasetPlan(split.train(), split.val(), trainPack, trainPack);
  }

  private static PackIndex packIndex(String uri, Configuration hadoop) {
    return PackedDataset.isPack(uri, hadoop) ? PackedDataset.index(uri, hadoop) : null;
  }

  private static Catalog catalog(String uri, PackIndex pack, Configuration hadoop) {
    return pack != null ? PackedDataset.catalog(uri, hadoop) : Catalog.scan(uri, hadoop);
  }

  /** The pixel statistics of the training images' pack, when data.train is one. */
  public Optional<PackIndex> statsSource() {
    return Optional.ofNullable(trainPack);
  }

  public List<String> classes() {
    return train.classes();
  }

  public List<SkippedFile> skipped() {
    List<SkippedFile> all = new ArrayList<>(train.skipped());
    if (val.skipped() != train.skipped()) {
      all.addAll(val.skipped());
    }
    return all;
  }
}
