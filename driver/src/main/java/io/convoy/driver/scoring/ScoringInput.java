package io.convoy.driver.scoring;

import io.convoy.driver.common.UsageException;
import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.DatasetException;
import io.convoy.pipeline.codec.ImageCheck;
import io.convoy.pipeline.dataset.Sample;
import io.convoy.pipeline.dataset.SkippedFile;
import io.convoy.pipeline.pack.PackedDataset;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The images {@code convoy predict --data} scores: a class folder tree {@code DIR/<class>/<image>}
 * or a pack (then every image has a true class, named as the model names it), or a flat folder
 * {@code DIR/<image>} (no true class).
 *
 * @param root the qualified URI given
 * @param labelled whether samples carry the model's label of their true class (else -1)
 * @param samples the images to score, in catalog order
 * @param packRoot the pack's URI when the images come from one, else null
 * @param skipped files found that are not images, with why
 */
public record ScoringInput(String root, boolean labelled, List<Sample> samples, String packRoot,
    List<SkippedFile> skipped) {

  /** No true class: the label of a flat folder's samples. */
  public static final int UNLABELLED = -1;

  /**
   * @throws UsageException when class folders name a class the model was not trained on: a
   *     truth column and accuracy over classes the model cannot predict would mislead
   * @throws DatasetException when the folder does not exist or holds no image
   */
  public static ScoringInput of(String data, List<String> modelLabels, Configuration hadoop) {
    if (PackedDataset.isPack(data, hadoop)) {
      Catalog pack = PackedDataset.catalog(data, hadoop);
      return labelled(pack, modelLabels, pack.root());
    }
    Path root = new Path(data);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      // A file given as DATA goes to the catalog too, which names the problem.
      FileStatus[] entries = fs.getFileStatus(root).isDirectory() ? fs.listStatus(root) : null;
      if (entries == null || Arrays.stream(entries).anyMatch(e -> e.isDirectory() && !hidden(e))) {
        return labelled(Catalog.scan(data, hadoop), modelLabels, null);
      }
      return flat(fs.makeQualified(root).toString(), entries);
    } catch (FileNotFoundException e) {
      throw new DatasetException("--data " + data + " does not exist: expected a folder of <class>/<image>, a "
          + "folder of images, or a pack (convoy pack)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
    }
  }

  private static ScoringInput labelled(Catalog catalog, List<String> modelLabels, String packRoot) {
    List<String> unknown = new ArrayList<>(catalog.classes());
    unknown.removeAll(modelLabels);
    if (!unknown.isEmpty()) {
      throw new UsageException("--data " + catalog.root() + " has classes the model was not trained on: " + unknown
          + "; the model's classes are " + modelLabels + " (class folder names must match them; a folder of "
          + "images without class folders is scored without true classes)");
    }
    List<Sample> samples = new ArrayList<>();
    for (Sample s : catalog.samples()) {
      samples.add(new Sample(s.path(), modelLabels.indexOf(catalog.classes().get(s.label()))));
    }
    return new ScoringInput(catalog.root(), true, samples, packRoot, catalog.skipped());
  }

  private static ScoringInput flat(String root, FileStatus[] entries) {
    List<Sample> samples = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    Arrays.stream(entries).filter(e -> !hidden(e)).sorted(Comparator.comparing(FileStatus::getPath)).forEach(e -> {
      Optional<String> problem = ImageCheck.nameProblem(e.getPath().getName());
      if (problem.isPresent()) {
        skipped.add(new SkippedFile(e.getPath().toString(), problem.get()));
      } else {
        samples.add(new Sample(e.getPath().toString(), UNLABELLED));
      }
    });
    if (samples.isEmpty()) {
      throw new DatasetException("--data " + root + " holds no image (" + skipped.size() + " other files): expected a "
          + "folder of <class>/<image>, a folder of images, or a pack (convoy pack)");
    }
    return new ScoringInput(root, false, samples, null, skipped);
  }

  /** Hidden files and Hadoop's markers (.crc, _SUCCESS), which catalogs ignore too. */
  private static boolean hidden(FileStatus entry) {
    String name = entry.getPath().getName();
    return name.startsWith(".") || name.startsWith("_");
  }
}
