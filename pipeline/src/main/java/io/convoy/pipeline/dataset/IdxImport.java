package io.convoy.pipeline.dataset;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Turns an IDX image/label pair (the format MNIST, Fashion-MNIST and EMNIST ship in) into the
 * class-folder layout convoy trains on: {@code out/<label>/<index>.png}, 8-bit grayscale.
 * Files may be gzipped. Class folders are the label numbers zero-padded to equal width, so
 * their sorted order is the numeric order and label i keeps index i.
 */
public final class IdxImport {
  private static final int UBYTE_IMAGES = 0x00000803;
  private static final int UBYTE_LABELS = 0x00000801;

  private IdxImport() {}

  /** Counts per class folder of what was written. */
  public record Result(Path out, List<String> classes, int[] counts) {}

  public static Result write(Path images, Path labels, Path out) throws IOException {
    try (DataInputStream img = open(images); DataInputStream lab = open(labels)) {
      int imageMagic = img.readInt();
      if (imageMagic != UBYTE_IMAGES) {
        throw new DatasetException(images + ": not an IDX file of unsigned-byte images (magic 0x"
            + Integer.toHexString(imageMagic) + ", expected 0x803)");
      }
      int labelMagic = lab.readInt();
      if (labelMagic != UBYTE_LABELS) {
        throw new DatasetException(labels + ": not an IDX file of unsigned-byte labels (magic 0x"
            + Integer.toHexString(labelMagic) + ", expected 0x801)");
      }
      int n = img.readInt();
      int rows = img.readInt();
      int cols = img.readInt();
      int labelCount = lab.readInt();
      if (n != labelCount) {
        throw new DatasetException(images + " holds " + n + " images but " + labels + " holds "
            + labelCount + " labels");
      }
      if (n < 0 || rows < 1 || cols < 1 || (long) rows * cols > 1 << 24) {
        throw new DatasetException(images + ": implausible header (" + n + " images of " + rows + "x" + cols + ")");
      }
      byte[] labelBytes = new byte[n];
      lab.readFully(labelBytes);
      int classes = 0;
      for (byte b : labelBytes) {
        classes = Math.max(classes, (b & 0xff) + 1);
      }
      int width = String.valueOf(Math.max(0, classes - 1)).length();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        String name = String.format("%0" + width + "d", c);
        names.add(name);
        Files.createDirectories(out.resolve(name));
      }
      int[] counts = new int[classes];
      byte[] pixels = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        img.readFully(pixels);
        int label = labelBytes[i] & 0xff;
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, cols, rows, pixels);
        ImageIO.write(image, "png", out.resolve(names.get(label)).resolve(i + ".png").toFile());
        counts[label]++;
      }
      return new Result(out, names, counts);
    } catch (EOFException e) {
      throw new DatasetException(images + " or " + labels + " ends before the count its header gives (truncated file)");
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file + ": no such file");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return new DataInputStream(in);
  }
}
