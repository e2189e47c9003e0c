package io.convoy.driver.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's {@code file:} file system (checksummed, as {@link LocalFileSystem} is) that sets
 * permissions through {@code java.nio} instead of a {@code chmod} process, and reads a file that
 * has no checksum file straight from the unchecksummed file system underneath.
 *
 * <p>Without the native Hadoop library (which no Maven artifact ships, so convoy never has it),
 * {@link RawLocalFileSystem} runs {@code chmod} for every folder and file it creates: measured in
 * a JVM with a 4 GB heap, 23 ms of wall time, 7 ms of the JVM's CPU and 16 ms of the child's per
 * call. A Spark write of {@code convoy predict --data} with 2 tasks spawned about 16 (the job's
 * folders before its tasks start and {@code _SUCCESS} after they end, one after the other on the
 * driver; each task's folder, part file and checksum file): about 0.4 s of CPU and 0.25 s of
 * wall time per job, 6-8% of a 16,000-image job on 2 cores. The permissions set are the same
 * bits; a sticky bit, which {@code java.nio} cannot set, and non-POSIX file systems still go
 * through Hadoop's own way, as does everything when the native library is there.
 *
 * <p>Only for local masters ({@link #installForMaster}): there the driver, where a job's folders
 * are made and committed, and {@code local[N]}'s tasks are one JVM. A cluster's processes keep
 * Hadoop's own: a YARN client ships its Hadoop configuration to the ApplicationMaster, whose class
 * path need not hold convoy. Hadoop caches one {@code file:} file system per JVM and user, created
 * from whichever Configuration asks first, so the commands install it as soon as they know the
 * master, before they touch a local file through Hadoop ({@code predict --data}, {@code augment}).
 * Not {@code train}: the install is for the whole JVM (a default resource of every Configuration),
 * and a YARN cluster started in the same JVM (the tests' MiniYARNCluster) then hands its
 * containers a {@code file:} class their class path does not hold.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  /** Hadoop's key for the {@code file:} scheme's class. */
  public static final String KEY = "fs.file.impl";
  private static final String DEFAULTS = "convoy-hadoop-defaults.xml";

  /** ChecksumFileSystem's own flag is private. */
  private volatile boolean verifyChecksum = true;

  public NioLocalFileSystem() {
    super(new Raw());
  }

  @Override
  public void setVerifyChecksum(boolean verifyChecksum) {
    this.verifyChecksum = verifyChecksum;
    super.setVerifyChecksum(verifyChecksum);
  }

  /**
   * A file with a checksum file beside it ({@code .name.crc}, which Hadoop writes) is verified
   * as {@link LocalFileSystem} does; one without is read from the raw file system, which is what
   * {@link LocalFileSystem} ends up doing too, after trying to open the missing checksum file
   * (an exception thrown and caught) and through its chunked checker. Image folders have no
   * checksum files: a 2 KB PNG opened and read took 60-200 us through Hadoop's way and 39-76 us
   * this way (8,000 files, one thread), and {@code predict --data} reads every image twice (the
   * catalog's check, then the scoring task).
   */
  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    if (verifyChecksum && Files.exists(getRawFileSystem().pathToFile(getChecksumFile(f)).toPath())) {
      return super.open(f, bufferSize);
    }
    return getRawFileSystem().open(f, bufferSize);
  }

  @Override
  public RawLocalFileSystem getRawFileSystem() {
    return (RawLocalFileSystem) super.getRawFileSystem();
  }

  /**
   * {@link #install} where {@code master} runs its executors in this JVM ({@link SparkContexts#inDriverJvm}).
   *
   * @return whether {@code file:} is this class's now
   */
  public static boolean installForMaster(String master) {
    return SparkContexts.inDriverJvm(master) && install();
  }

  /**
   * Makes every Hadoop Configuration of this JVM (those made before too) name this class for
   * {@code file:}, unless the site's Hadoop configuration names another one, or Hadoop's class
   * loader cannot see this class (spark-submit loads the application in a child loader: a
   * Configuration made there could name a class it cannot load, and fail).
   *
   * @return whether {@code file:} is this class's now
   */
  public static boolean install() {
    if (!visibleToHadoop()) {
      return false;
    }
    String named = new Configuration().get(KEY);
    if (named == null) {
      Configuration.addDefaultResource(DEFAULTS);
      return true;
    }
    return named.equals(NioLocalFileSystem.class.getName());
  }

  private static boolean visibleToHadoop() {
    try {
      return Class.forName(NioLocalFileSystem.class.getName(), false, Configuration.class.getClassLoader())
          == NioLocalFileSystem.class;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The unchecksummed file system underneath, where permissions are set. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      String symbolic = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
          + permission.getOtherAction().SYMBOL;
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(symbolic));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }
  }
}
