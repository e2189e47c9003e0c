package io.convoy.driver.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run's output folder on any Hadoop file system. Whole files are written under a temporary
 * name and renamed, so a reader never sees half a model.
 */
public final class OutputDir {
  /** Writes the content of one file. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private final FileSystem fs;
  private final Path dir;

  public OutputDir(String uri, Configuration hadoop) {
    try {
      this.dir = new Path(uri);
      this.fs = dir.getFileSystem(hadoop);
      if (fs instanceof LocalFileSystem local) {
        local.setWriteChecksum(false); // no .crc files beside the outputs
      }
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new UsageException("output.dir " + uri + " is a file: give a folder (new or existing)");
      }
      fs.mkdirs(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The folder's full URI. */
  public String uri() {
    return fs.makeQualified(dir).toString();
  }

  /** The full URI of {@code name} inside the folder. */
  public String uri(String name) {
    return fs.makeQualified(new Path(dir, name)).toString();
  }

  public void writeText(String name, String text) {
    writeAtomically(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public void writeAtomically(String name, Writer writer) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        writer.write(out);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp + " to " + target + " failed");
      }
    } catch (IOException | FSError e) {
      try {
        fs.delete(tmp, false); // free the space a partial file takes; the earlier target is untouched
      } catch (IOException | FSError ignored) {
        // the error below is what matters
      }
      throw failure("cannot write " + target, e, "; earlier outputs are unchanged");
    }
  }

  /**
   * A write error as one clear exception. Hadoop's local file system reports a disk error
   * (ENOSPC, EIO) as {@link FSError}, an {@code Error} that would otherwise escape every
   * handler as a bare stack trace.
   */
  public static UncheckedIOException failure(String what, Throwable e, String after) {
    Throwable cause = e instanceof FSError && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    IOException io = cause instanceof IOException i ? i : new IOException(message, e);
    return new UncheckedIOException(what + ": " + message + (message.contains("No space") ? " (disk full?)" : "")
        + after, io);
  }

  /** The whole content of {@code name} inside the folder. */
  public byte[] read(String name) {
    Path path = new Path(dir, name);
    try (java.io.InputStream in = fs.open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** A fresh file (replacing any earlier one) to append to while the run goes on. */
  public OutputStream create(String name) {
    try {
      return fs.create(new Path(dir, name), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }
}
