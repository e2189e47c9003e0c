package io.convoy.tests;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS for tests: a NameNode and one DataNode in this JVM, storing under a local folder. */
final class InJvmHdfs {
  private InJvmHdfs() {}

  /** Started and active; the caller shuts it down. */
  static MiniDFSCluster start(Path storage) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, storage.toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    return cluster;
  }
}
