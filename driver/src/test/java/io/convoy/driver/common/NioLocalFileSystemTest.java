package io.convoy.driver.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BufferedFSInputStream;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file: file system that sets permissions without chmod processes: the same bits as Hadoop's. */
class NioLocalFileSystemTest {
  @TempDir Path dir;

  @Test
  void installedItIsTheFileSchemesClassForEveryConfiguration() throws IOException {
    Configuration before = new Configuration();
    assertTrue(NioLocalFileSystem.install());
    assertEquals(NioLocalFileSystem.class, FileSystem.getFileSystemClass("file", new Configuration()));
    assertEquals(NioLocalFileSystem.class, FileSystem.getFileSystemClass("file", before), "a Configuration made before");
    assertTrue(NioLocalFileSystem.install(), "installing twice");
  }

  @Test
  void onlyLocalMastersInstallIt() throws IOException {
    // A YARN client ships its Hadoop configuration to the ApplicationMaster, which need not see convoy's classes.
    assertFalse(NioLocalFileSystem.installForMaster("yarn"));
    assertFalse(NioLocalFileSystem.installForMaster("spark://host:7077"));
    assertFalse(NioLocalFileSystem.installForMaster("local-cluster[2,1,1024]"));
    assertTrue(NioLocalFileSystem.installForMaster("local[2]"));
    assertEquals(NioLocalFileSystem.class, FileSystem.getFileSystemClass("file", new Configuration()));
  }

  @Test
  void foldersAndFilesGetTheSamePermissionsAsThroughHadoopsOwnLocalFileSystem() throws IOException {
    FileSystem nio = initialized(new NioLocalFileSystem());
    FileSystem hadoops = initialized(new LocalFileSystem());
    // null: the defaults (755 folders, 644 files); 01777: the sticky bit, which goes through chmod.
    for (FsPermission explicit : new FsPermission[] {null, new FsPermission((short) 0700),
        new FsPermission((short) 0640), new FsPermission((short) 01777)}) {
      assertEquals(made(hadoops, "hadoop", explicit), made(nio, "nio", explicit), "permission " + explicit);
    }
  }

  @Test
  void aFileWithoutChecksumIsReadRawAndOneWithChecksumIsVerified() throws IOException {
    FileSystem nio = initialized(new NioLocalFileSystem());
    // An image as users have them: no .crc beside it. Read from the raw file system, not through the checker.
    Path image = dir.resolve("image.png");
    byte[] bytes = new byte[5000];
    new java.util.Random(7).nextBytes(bytes);
    Files.write(image, bytes);
    org.apache.hadoop.fs.Path imagePath = new org.apache.hadoop.fs.Path(image.toUri());
    try (FSDataInputStream in = nio.open(imagePath)) {
      assertEquals(BufferedFSInputStream.class, in.getWrappedStream().getClass());
      assertArrayEquals(bytes, in.readAllBytes());
    }
    // Written through Hadoop (with its .crc), then damaged on disk: the checksum still catches it.
    org.apache.hadoop.fs.Path written = new org.apache.hadoop.fs.Path(dir.resolve("written").toUri());
    try (OutputStream out = nio.create(written, false)) {
      out.write(bytes);
    }
    try (FSDataInputStream in = nio.open(written)) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    byte[] damaged = bytes.clone();
    damaged[1234] ^= 1;
    Files.write(dir.resolve("written"), damaged);
    try (FSDataInputStream in = nio.open(written)) {
      assertThrows(ChecksumException.class, in::readAllBytes);
    }
    nio.setVerifyChecksum(false);
    try (FSDataInputStream in = nio.open(written)) {
      assertArrayEquals(damaged, in.readAllBytes(), "verification off: the bytes as they are");
    }
    assertThrows(FileNotFoundException.class, () -> nio.open(new org.apache.hadoop.fs.Path(dir.resolve("gone").toUri())));
  }

  /** The modes of a folder and a file made through {@code fs} (with its checksum file), then set to {@code explicit}. */
  private String made(FileSystem fs, String name, FsPermission explicit) throws IOException {
    Path root = dir.resolve(name + "-" + (explicit == null ? "default" : explicit.toOctal()));
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(root.resolve("a/b").toUri());
    assertTrue(fs.mkdirs(folder));
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "part-0");
    try (OutputStream out = fs.create(file, false)) {
      out.write(42);
    }
    if (explicit != null) {
      fs.setPermission(folder, explicit);
      fs.setPermission(file, explicit);
    }
    Path local = Path.of(folder.toUri());
    return mode(local) + " " + mode(local.resolve("part-0")) + " " + mode(local.resolve(".part-0.crc"))
        + " " + mode(root.resolve("a"));
  }

  private static String mode(Path p) throws IOException {
    return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777);
  }

  private static FileSystem initialized(FileSystem fs) throws IOException {
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return fs;
  }
}
