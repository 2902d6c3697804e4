package dev.ember.io;

import dev.ember.EmberSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One MiniDFSCluster and one local Ember session for a test class: start it in {@code @BeforeAll},
 * close it in {@code @AfterAll}. Helpers list and read files by path relative to an output
 * directory, as a user would inspect the output.
 */
final class HdfsFixture implements AutoCloseable {
  private final MiniDFSCluster dfs;
  private final EmberSession ember;

  private HdfsFixture(MiniDFSCluster dfs, EmberSession ember) {
    this.dfs = dfs;
    this.ember = ember;
  }

  /** Starts a one-datanode cluster under {@code base} and a {@code local[2]} session. */
  static HdfsFixture start(Path base, Map<String, String> emberConf) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    EmberSession.Builder builder = EmberSession.builder().master("local[2]");
    emberConf.forEach(builder::config);
    return new HdfsFixture(dfs, builder.build());
  }

  EmberSession ember() {
    return ember;
  }

  FileSystem fs() throws IOException {
    return dfs.getFileSystem();
  }

  /** The hdfs:// URI of {@code path}. */
  String uri(String path) throws IOException {
    return fs().getUri() + path;
  }

  /** Every file under {@code dir}, relative to it, sorted; empty if {@code dir} is absent. */
  List<String> files(String dir) throws IOException {
    org.apache.hadoop.fs.Path root = fs().makeQualified(new org.apache.hadoop.fs.Path(dir));
    if (!fs().exists(root)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs().listFiles(root, true);
    while (it.hasNext()) {
      out.add(it.next().getPath().toString().substring(root.toString().length() + 1));
    }
    out.sort(null);
    return out;
  }

  /** The direct children of {@code dir}, by name, sorted. */
  List<String> children(String dir) throws IOException {
    FileStatus[] statuses = fs().listStatus(new org.apache.hadoop.fs.Path(dir));
    return Arrays.stream(statuses).map(s -> s.getPath().getName()).sorted().toList();
  }

  String read(String file) throws IOException {
    try (InputStream in = fs().open(new org.apache.hadoop.fs.Path(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The lines of every part file under {@code dir}, sorted. */
  List<String> partLines(String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String f : files(dir)) {
      if (!f.startsWith("_") && !f.contains("/_")) {
        String text = read(dir + "/" + f);
        if (!text.isEmpty()) {
          lines.addAll(
              Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1));
        }
      }
    }
    lines.sort(null);
    return lines;
  }

  @Override
  public void close() {
    try {
      ember.close();
    } finally {
      dfs.shutdown();
    }
  }
}
