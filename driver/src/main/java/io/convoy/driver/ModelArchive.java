package io.convoy.driver;

import io.convoy.model.Replica;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code model.zip}: DL4J's ModelSerializer entries (so plain DL4J still loads it) plus
 * {@value #LABELS} and {@value #CONFIG}, which DL4J ignores. With them the zip alone is enough to
 * rebuild the network, preprocess images as validation did and name the classes it predicts.
 */
final class ModelArchive {
  /** Class names, one a line, in label order (the same text as {@code labels.txt}). */
  static final String LABELS = "convoy/labels.txt";
  /** The run's resolved configuration (the same text as {@code config.conf}). */
  static final String CONFIG = "convoy/config.conf";

  private ModelArchive() {}

  static void write(OutputStream out, Replica model, boolean withUpdaterState, List<String> labels, String config)
      throws IOException {
    ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
    model.save(dl4j, withUpdaterState);
    ZipOutputStream zip = new ZipOutputStream(out);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(e.getName()));
        in.transferTo(zip);
        zip.closeEntry();
      }
    }
    put(zip, LABELS, String.join("\n", labels) + "\n");
    put(zip, CONFIG, config);
    // finish, not close: the caller owns the stream.
    zip.finish();
    zip.flush();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
