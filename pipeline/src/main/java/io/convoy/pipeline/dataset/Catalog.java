package io.convoy.pipeline.dataset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The images of one ImageNet-style folder, {@code root/<class>/<image>}: the classes in label
 * order, the usable images and the files that were not used (with reasons).
 *
 * @param root full URI of the dataset folder
 * @param classes class folder names, sorted; a sample's label is its class's index here
 * @param samples usable images, sorted by label, then path
 * @param skipped files found but not used, with why
 */
public record Catalog(String root, List<String> classes, List<Sample> samples, List<SkippedFile> skipped)
    implements Serializable {

  public Catalog {
    classes = List.copyOf(classes);
    samples = List.copyOf(samples);
    skipped = List.copyOf(skipped);
  }

  /**
   * Lists {@code root/<class>/<file>} on any Hadoop file system (a path without scheme resolves
   * against {@code fs.defaultFS}, which is the local file system unless configured otherwise).
   *
   * @throws DatasetException when root is missing or not a folder, has no class folders, or a
   *     class folder has no usable image
   */
  public static Catalog scan(String root, Configuration hadoop) {
    return CatalogScanner.scan(root, hadoop);
  }

  /**
   * Holds out about {@code valFraction} of the samples for validation: a sample goes to
   * validation when a hash of ({@code seed}, its path relative to the root) falls below
   * {@code valFraction}. Each file decides alone, so adding files never moves others, and the
   * split survives copying the dataset to another file system. Skipped files stay with train.
   */
  public CatalogSplit split(double valFraction, long seed) {
    if (!(valFraction >= 0 && valFraction <= 1)) {
      throw new IllegalArgumentException("validation fraction " + valFraction + ": expected 0 to 1");
    }
    List<Sample> train = new ArrayList<>();
    List<Sample> val = new ArrayList<>();
    for (Sample s : samples) {
      boolean held = StableHash.unit(StableHash.of(seed, relativePath(s))) < valFraction;
      (held ? val : train).add(s);
    }
    return new CatalogSplit(new Catalog(root, classes, train, skipped),
        new Catalog(root, classes, val, List.of()));
  }

  /**
   * Checks that a validation catalog has exactly these classes, so that labels mean the same.
   *
   * @throws DatasetException naming the classes the validation folder lacks or adds
   */
  public void requireSameClasses(Catalog val) {
    if (classes.equals(val.classes)) {
      return;
    }
    List<String> missing = new ArrayList<>(classes);
    missing.removeAll(val.classes);
    List<String> extra = new ArrayList<>(val.classes);
    extra.removeAll(classes);
    List<String> differences = new ArrayList<>();
    if (!missing.isEmpty()) {
      differences.add("missing " + missing);
    }
    if (!extra.isEmpty()) {
      differences.add("extra " + extra);
    }
    throw new DatasetException("validation folder " + val.root + " has other classes than training folder "
        + root + " (" + String.join(", ", differences)
        + "): both need the same class sub-folders so that labels agree");
  }

  /** One class name per line in label order, as written to {@code labels.txt}. */
  public String labelsText() {
    return classes.isEmpty() ? "" : String.join("\n", classes) + "\n";
  }

  /** {@code <class>/<file>}: the layout fixes it, so it is the same wherever the root lives. */
  private String relativePath(Sample s) {
    return classes.get(s.label()) + "/" + s.path().substring(s.path().lastIndexOf('/') + 1);
  }
}
