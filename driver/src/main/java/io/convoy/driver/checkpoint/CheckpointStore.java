package io.convoy.driver.checkpoint;

import io.convoy.driver.common.OutputDir;
import io.convoy.driver.data.DatasetFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder of checkpoints on any Hadoop file system. A checkpoint is a folder
 * {@code ckpt-<sequence>} of files plus a {@code MANIFEST} with each file's size and SHA-256,
 * written last. The whole folder is written under a temporary name and renamed when complete,
 * so a crash while writing leaves only a temporary folder that is ignored; a checkpoint whose
 * files do not match their manifest (truncated, corrupted) is skipped with a warning and the
 * one before it is used.
 */
public final class CheckpointStore {
  static final String MANIFEST = "MANIFEST";
  private static final String HEADER = "convoy-checkpoint 1";
  private static final String END = "end";
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{6,})");

  private final FileSystem fs;
  private final Path dir;

  public CheckpointStore(String uri, Configuration hadoop) {
    try {
      this.dir = new Path(uri);
      this.fs = dir.getFileSystem(hadoop);
      if (fs instanceof LocalFileSystem local) {
        local.setWriteChecksum(false); // the manifest checks the files; no .crc files beside them
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open checkpoint folder " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The folder's full URI. */
  public String uri() {
    return fs.makeQualified(dir).toString();
  }

  /**
   * Writes a new checkpoint holding {@code files} (written in order) and deletes all but the
   * newest {@code keep}. Returns the new checkpoint's full URI.
   */
  String write(Map<String, OutputDir.Writer> files, int keep) {
    Path tmp = null;
    try {
      fs.mkdirs(dir);
      List<Path> existing = checkpoints();
      long next = existing.isEmpty() ? 1 : sequence(existing.get(0)) + 1;
      Path target = new Path(dir, String.format("ckpt-%06d", next));
      tmp = new Path(dir, "." + target.getName() + ".tmp");
      fs.delete(tmp, true);
      fs.mkdirs(tmp);
      StringBuilder manifest = new StringBuilder(HEADER).append('\n');
      for (Map.Entry<String, OutputDir.Writer> file : files.entrySet()) {
        MessageDigest sha = DatasetFingerprint.sha256();
        CountingStream counted;
        try (OutputStream raw = fs.create(new Path(tmp, file.getKey()), true);
            CountingStream counting = new CountingStream(new DigestOutputStream(raw, sha))) {
          counted = counting;
          file.getValue().write(counting);
        }
        manifest.append(HexFormat.of().formatHex(sha.digest())).append(' ').append(counted.count).append(' ')
            .append(file.getKey()).append('\n');
      }
      manifest.append(END).append('\n');
      try (OutputStream out = fs.create(new Path(tmp, MANIFEST), true)) {
        out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp + " to " + target + " failed");
      }
      tmp = null;
      prune(keep);
      return fs.makeQualified(target).toString();
    } catch (IOException | FSError e) {
      throw OutputDir.failure("cannot write a checkpoint in " + uri(), e, " (earlier checkpoints are unchanged)");
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** The newest checkpoint whose files match its manifest, or null if there is none. */
  public Loaded newestValid(Consumer<String> warnings) {
    return valid(0, warnings);
  }

  /**
   * The valid checkpoint {@code back} places before the newest valid one, the oldest valid one
   * when there are fewer, or null when there is none.
   */
  Loaded valid(int back, Consumer<String> warnings) {
    try {
      if (!fs.exists(dir)) {
        return null;
      }
      Loaded found = null;
      int seen = 0;
      for (Path candidate : checkpoints()) {
        String problem;
        try {
          problem = verify(candidate);
        } catch (IOException | FSError e) { // a disk error reading one checkpoint: try the others
          problem = "unreadable: " + (e.getCause() != null && e instanceof FSError ? e.getCause() : e).getMessage();
        }
        if (problem == null) {
          found = new Loaded(fs.makeQualified(candidate).toString(), candidate);
          if (seen++ == back) {
            return found;
          }
          continue;
        }
        warnings.accept("checkpoint " + fs.makeQualified(candidate) + " is unusable (" + problem
            + "); trying the one before it");
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + uri() + ": " + e.getMessage(), e);
    }
  }

  /** A verified checkpoint whose files can be read. */
  public final class Loaded {
    private final String uri;
    private final Path path;

    private Loaded(String uri, Path path) {
      this.uri = uri;
      this.path = path;
    }

    public String uri() {
      return uri;
    }

    public byte[] read(String name) {
      try (InputStream in = fs.open(new Path(path, name))) {
        return in.readAllBytes();
      } catch (IOException | FSError e) {
        throw OutputDir.failure("cannot read " + name + " of checkpoint " + uri, e, "");
      }
    }
  }

  /** Why {@code checkpoint} is unusable, or null when every file matches the manifest. */
  private String verify(Path checkpoint) throws IOException {
    Path manifestPath = new Path(checkpoint, MANIFEST);
    if (!fs.exists(manifestPath)) {
      return "no " + MANIFEST;
    }
    List<String> lines;
    try (InputStream in = fs.open(manifestPath)) {
      lines = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8).lines().toList();
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals(END)) {
      return MANIFEST + " is incomplete or not a convoy manifest";
    }
    for (String line : lines.subList(1, lines.size() - 1)) {
      String[] parts = line.split(" ", 3);
      if (parts.length != 3) {
        return MANIFEST + " has a malformed line: " + line;
      }
      Path file = new Path(checkpoint, parts[2]);
      if (!fs.exists(file)) {
        return parts[2] + " is missing";
      }
      long size = fs.getFileStatus(file).getLen();
      if (size != Long.parseLong(parts[1])) {
        return parts[2] + " has " + size + " bytes, the manifest says " + parts[1];
      }
      MessageDigest sha = DatasetFingerprint.sha256();
      try (InputStream in = fs.open(file)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
      if (!HexFormat.of().formatHex(sha.digest()).equals(parts[0])) {
        return parts[2] + " does not match its SHA-256 in the manifest";
      }
    }
    return null;
  }

  /** Complete (renamed) checkpoints, newest first. */
  private List<Path> checkpoints() throws IOException {
    List<Path> result = new ArrayList<>();
    if (!fs.exists(dir)) {
      return result;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.isDirectory() && NAME.matcher(status.getPath().getName()).matches()) {
        result.add(status.getPath());
      }
    }
    result.sort(Comparator.comparingLong(CheckpointStore::sequence).reversed());
    return result;
  }

  private void prune(int keep) throws IOException {
    List<Path> all = checkpoints();
    for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
      fs.delete(old, true);
    }
  }

  private static long sequence(Path checkpoint) {
    Matcher m = NAME.matcher(checkpoint.getName());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a checkpoint folder: " + checkpoint);
    }
    return Long.parseLong(m.group(1));
  }

  private void deleteQuietly(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException | FSError ignored) {
      // best effort: a leftover temporary folder is ignored by readers and replaced next time
    }
  }

  /** Counts the bytes written through it. */
  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
