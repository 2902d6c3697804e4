package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's textFile reads from a real MiniDFSCluster through an hdfs:// URI. */
class MiniDfsSmokeTest {
  @TempDir Path base;

  @Test
  void textFileReadsFromHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    try (MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build()) {
      FileSystem fs = dfs.getFileSystem();
      try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/in/a.txt"))) {
        out.write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
      }
      String uri = fs.getUri() + "/in/a.txt";
      try (EmberSession ember = EmberSession.builder().master("local[2]").build()) {
        assertThat(ember.textFile(uri, 2).collect()).containsExactly("one", "two", "three");
      }
    }
  }
}
