package io.convoy.pipeline.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImportTest {
  @TempDir Path dir;

  /** 12 images of 3x2 pixels, labels 0..11 cycling so that folder names need two digits. */
  private static final int N = 12;

  @Test
  void writesEveryImageUnderItsLabelWithExactPixels() throws IOException {
    Path images = write("images", idxImages(N, 2, 3), false);
    Path labels = write("labels", idxLabels(N), false);

    IdxImport.Result result = IdxImport.write(images, labels, dir.resolve("out"));

    assertEquals(List.of("00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"), result.classes());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, result.counts());
    BufferedImage seven = ImageIO.read(dir.resolve("out/07/7.png").toFile());
    assertEquals(3, seven.getWidth());
    assertEquals(2, seven.getHeight());
    byte[] back = new byte[6];
    seven.getRaster().getDataElements(0, 0, 3, 2, back);
    assertArrayEquals(pixels(7, 6), back);
    // the written folders are a catalog convoy trains on, labels in numeric order
    Catalog catalog = Catalog.scan(dir.resolve("out").toUri().toString(), new org.apache.hadoop.conf.Configuration());
    assertEquals(result.classes(), catalog.classes());
  }

  @Test
  void readsGzippedFiles() throws IOException {
    Path images = write("images.gz", idxImages(N, 2, 3), true);
    Path labels = write("labels.gz", idxLabels(N), true);
    IdxImport.Result result = IdxImport.write(images, labels, dir.resolve("gz"));
    assertEquals(12, result.classes().size());
    assertTrue(Files.isRegularFile(dir.resolve("gz/11/11.png")));
  }

  @Test
  void truncatedOrMismatchedFilesAreClearErrors() throws IOException {
    byte[] full = idxImages(N, 2, 3);
    Path truncated = write("short", java.util.Arrays.copyOf(full, full.length - 4), false);
    Path labels = write("labels", idxLabels(N), false);
    DatasetException e = assertThrows(DatasetException.class,
        () -> IdxImport.write(truncated, labels, dir.resolve("t")));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

    Path fewer = write("fewer", idxLabels(N - 1), false);
    Path images = write("images", full, false);
    e = assertThrows(DatasetException.class, () -> IdxImport.write(images, fewer, dir.resolve("m")));
    assertTrue(e.getMessage().contains("12 images but"), e.getMessage());

    e = assertThrows(DatasetException.class, () -> IdxImport.write(labels, labels, dir.resolve("x")));
    assertTrue(e.getMessage().contains("expected 0x803"), e.getMessage());
  }

  private static byte[] pixels(int i, int count) {
    byte[] p = new byte[count];
    for (int j = 0; j < count; j++) {
      p[j] = (byte) (i * 20 + j * 3);
    }
    return p;
  }

  private static byte[] idxImages(int n, int rows, int cols) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x803);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n; i++) {
      out.write(pixels(i, rows * cols));
    }
    return bytes.toByteArray();
  }

  private static byte[] idxLabels(int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x801);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.write(i % 12);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] data, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(data);
    }
    return file;
  }
}
