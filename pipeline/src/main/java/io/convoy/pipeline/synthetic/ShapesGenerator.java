package io.convoy.pipeline.synthetic;

import io.convoy.pipeline.dataset.CatalogScanner;
import io.convoy.pipeline.dataset.StableHash;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * Writes a synthetic ImageNet-style dataset of colored shapes for demos and tests:
 * {@code out/train/<class>/<i>.<ext>} and {@code out/val/<class>/<i>.<ext>}. Classes are
 * color-shape pairs ({@code red-circle}, {@code green-square}, ...) chosen so that a classifier
 * needs both shape and color. Each image depends only on (seed, split, class, index), so a seed
 * gives the same files (byte for byte for PNG on a given JDK).
 */
public final class ShapesGenerator {
  /** The number of distinct color-shape classes. */
  public static final int MAX_CLASSES = ShapeClass.MAX;

  private static final float JPEG_QUALITY = 0.9f;

  private ShapesGenerator() {}

  /** The names of the first {@code classes} classes, sorted (their label order). */
  public static List<String> classNames(int classes) {
    requireClasses(classes);
    return sortedNames(ShapeClass.first(classes));
  }

  /**
   * Writes the dataset under {@code out}. Files already there with the same names are
   * replaced; any other file or folder under {@code out/train} or {@code out/val} (but hidden
   * ones, which catalogs ignore) is an error, since it would silently join the dataset.
   *
   * @throws IllegalArgumentException for a bad spec or a folder holding other files
   */
  public static GeneratedDataset generate(ShapesSpec spec, Path out) throws IOException {
    check(spec);
    List<ShapeClass> classes = ShapeClass.first(spec.classes());
    String ext = spec.format().toLowerCase(Locale.ROOT);
    Path train = out.resolve("train");
    Path val = out.resolve("val");
    requireOnlyOurs(train, classes, spec.perClass(), ext);
    requireOnlyOurs(val, classes, spec.valPerClass(), ext);
    ImageWriter writer = ImageIO.getImageWritersByFormatName(ext.equals("jpg") ? "jpeg" : "png").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (ext.equals("jpg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
      }
      for (int split = 0; split < 2; split++) {
        Path dir = split == 0 ? train : val;
        int count = split == 0 ? spec.perClass() : spec.valPerClass();
        for (int c = 0; c < classes.size(); c++) {
          ShapeClass cls = classes.get(c);
          Path classDir = Files.createDirectories(dir.resolve(cls.name()));
          for (int i = 0; i < count; i++) {
            long imageSeed = StableHash.of(StableHash.of(StableHash.of(spec.seed(), split), c), i);
            BufferedImage image = ShapeRenderer.render(cls, spec.size(), new Random(imageSeed));
            write(writer, param, image, classDir.resolve(i + "." + ext));
          }
        }
      }
    } finally {
      writer.dispose();
    }
    return new GeneratedDataset(out, train, val, sortedNames(classes));
  }

  private static List<String> sortedNames(List<ShapeClass> classes) {
    return classes.stream().map(ShapeClass::name).sorted().toList();
  }

  private static void write(ImageWriter writer, ImageWriteParam param, BufferedImage image, Path file)
      throws IOException {
    Files.deleteIfExists(file); // FileImageOutputStream would leave a longer old file's tail
    try (FileImageOutputStream stream = new FileImageOutputStream(file.toFile())) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    }
  }

  private static void check(ShapesSpec spec) {
    requireClasses(spec.classes());
    if (spec.perClass() < 1 || spec.valPerClass() < 1) {
      throw new IllegalArgumentException("images per class " + spec.perClass() + " (train) and "
          + spec.valPerClass() + " (val): expected at least 1 each");
    }
    if (spec.size() < 8) {
      throw new IllegalArgumentException("image size " + spec.size() + ": expected at least 8 pixels");
    }
    String format = spec.format() == null ? "" : spec.format().toLowerCase(Locale.ROOT);
    if (!format.equals("png") && !format.equals("jpg")) {
      throw new IllegalArgumentException("format " + spec.format() + ": expected png or jpg");
    }
  }

  private static void requireClasses(int classes) {
    if (classes < 2 || classes > MAX_CLASSES) {
      throw new IllegalArgumentException("classes " + classes + ": expected 2 to " + MAX_CLASSES
          + " (the number of color-shape combinations)");
    }
  }

  /** Rejects a split folder that holds anything but hidden files that this spec would not write. */
  private static void requireOnlyOurs(Path dir, List<ShapeClass> classes, int count, String ext) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Set<Path> ours = new HashSet<>();
    for (ShapeClass cls : classes) {
      ours.add(dir.resolve(cls.name()));
      for (int i = 0; i < count; i++) {
        ours.add(dir.resolve(cls.name()).resolve(i + "." + ext));
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      Path foreign = all.filter(p -> !p.equals(dir) && !ours.contains(p))
          .filter(p -> !CatalogScanner.hidden(p.getFileName().toString()))
          .findFirst().orElse(null);
      if (foreign != null) {
        throw new IllegalArgumentException(dir + " already holds " + foreign
            + ", which this dataset would not write: give an empty or new folder");
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
