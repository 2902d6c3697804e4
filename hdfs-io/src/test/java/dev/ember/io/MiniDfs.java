package dev.ember.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * A MiniDFSCluster for one test class: three DataNodes on hosts {@code dn0..dn2} in racks {@code
 * /rack-a}, {@code /rack-b}, {@code /rack-b}, a 1 MiB block size and replication 1, so that blocks
 * of one file land on different hosts.
 */
final class MiniDfs implements AutoCloseable {
  static final int BLOCK_SIZE = 1 << 20;

  private final MiniDFSCluster cluster;
  private final FileSystem fs;

  private MiniDfs(MiniDFSCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fs = cluster.getFileSystem();
  }

  static MiniDfs start(Path baseDir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 64 * 1024);
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster =
        new MiniDFSCluster.Builder(conf)
            .numDataNodes(3)
            .hosts(new String[] {"dn0", "dn1", "dn2"})
            .racks(new String[] {"/rack-a", "/rack-b", "/rack-b"})
            .checkDataNodeHostConfig(true)
            .build();
    cluster.waitActive();
    return new MiniDfs(cluster);
  }

  FileSystem fs() {
    return fs;
  }

  /** The fully qualified URI of {@code path}, e.g. {@code hdfs://localhost:1234/in/a.txt}. */
  String uri(String path) {
    return fs.getUri() + path;
  }

  void write(String path, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
      out.write(bytes);
    }
  }

  void write(String path, String text) throws IOException {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code lines} (each ended by \n) through the codec the file name's extension names. */
  void writeCompressed(String path, List<String> lines) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    CompressionCodec codec = new CompressionCodecFactory(fs.getConf()).getCodec(p);
    try (OutputStream out = codec.createOutputStream(fs.create(p))) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  void mkdirs(String path) throws IOException {
    fs.mkdirs(new org.apache.hadoop.fs.Path(path));
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
