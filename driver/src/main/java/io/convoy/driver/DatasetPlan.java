package io.convoy.driver;

import io.convoy.conf.DataConfig;
import io.convoy.pipeline.Catalog;
import io.convoy.pipeline.CatalogSplit;
import io.convoy.pipeline.SkippedFile;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The training and validation catalogs of a run, with the same classes. */
record DatasetPlan(Catalog train, Catalog val) {

  static DatasetPlan of(DataConfig data, Configuration hadoop, long seed) {
    Catalog train = Catalog.scan(data.train(), hadoop);
    if (data.val() != null) {
      Catalog val = Catalog.scan(data.val(), hadoop);
      train.requireSameClasses(val);
      return new DatasetPlan(train, val);
    }
    CatalogSplit split = train.split(data.valFraction(), seed);
    return new DatasetPlan(split.train(), split.val());
  }

  List<String> classes() {
    return train.classes();
  }

  List<SkippedFile> skipped() {
    List<SkippedFile> all = new ArrayList<>(train.skipped());
    if (val.skipped() != train.skipped()) {
      all.addAll(val.skipped());
    }
    return all;
  }
}
