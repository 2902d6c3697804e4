package dev.ember.it;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A MiniDFSCluster + MiniYARNCluster for one test class, started through {@link #builder()}.
 *
 * <p>Containers run on this machine and, for now, get this JVM's {@code java.class.path} as the
 * cluster's {@code yarn.application.classpath} (with a directory holding the cluster's {@code
 * core-site.xml}/{@code yarn-site.xml} first, so the ApplicationMaster finds the RM and HDFS). A
 * later fixture lays Hadoop out as an installation does instead.
 */
final class YarnTestCluster implements AutoCloseable {
  private final MiniDFSCluster dfs;
  private final MiniYARNCluster yarn;
  private final Configuration conf;

  private YarnTestCluster(MiniDFSCluster dfs, MiniYARNCluster yarn, Configuration conf) {
    this.dfs = dfs;
    this.yarn = yarn;
    this.conf = conf;
  }

  static Builder builder(Path baseDir) {
    return new Builder(baseDir);
  }

  /** The client configuration: HDFS as default FS, the RM's addresses, the container classpath. */
  Configuration conf() {
    return new Configuration(conf);
  }

  FileSystem fs() throws IOException {
    return dfs.getFileSystem();
  }

  /** The fully qualified URI of an HDFS path. */
  String uri(String path) throws IOException {
    return fs().getUri() + path;
  }

  /**
   * Writes a jar holding the classes of {@code classes}' packages (from the test classes
   * directory), as a user's application jar.
   */
  static Path appJar(Path dir, Class<?> classInPackage) throws IOException {
    Path classesDir =
        Path.of(
            requireNonNull(classInPackage.getProtectionDomain().getCodeSource())
                .getLocation()
                .getPath());
    String pkg = classInPackage.getPackageName().replace('.', '/');
    Path jar = dir.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.list(classesDir.resolve(pkg))) {
      for (Path f : files.toList()) {
        out.putNextEntry(new ZipEntry(pkg + "/" + f.getFileName()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Ember's own jars on this JVM's classpath, to stage as ember.yarn.jars. */
  static String emberJars() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("ember-") && name.endsWith(".jar")) {
        jars.add(entry);
      }
    }
    return String.join(",", jars);
  }

  @Override
  public void close() {
    yarn.stop();
    dfs.shutdown();
  }

  /** Builds and starts a cluster. */
  static final class Builder {
    private final Path baseDir;
    private int nodeManagers = 1;

    private Builder(Path baseDir) {
      this.baseDir = requireNonNull(baseDir, "baseDir is null");
    }

    Builder nodeManagers(int n) {
      this.nodeManagers = n;
      return this;
    }

    YarnTestCluster start() throws IOException {
      Configuration dfsConf = new Configuration();
      dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.resolve("dfs").toString());
      MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
      dfs.waitActive();

      Path confDir = Files.createDirectories(baseDir.resolve("hadoop-conf"));
      YarnConfiguration conf = new YarnConfiguration(dfs.getConfiguration(0));
      conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
      // A JVM's virtual memory is far above 2.1 x its container's size; YARN would kill it.
      conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
      conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
      conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
      conf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
      List<String> classpath = new ArrayList<>();
      classpath.add(confDir.toString());
      classpath.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
      conf.setStrings(
          YarnConfiguration.YARN_APPLICATION_CLASSPATH, classpath.toArray(String[]::new));

      MiniYARNCluster yarn = new MiniYARNCluster("ember-it", nodeManagers, 1, 1);
      yarn.init(conf);
      yarn.start();
      Configuration started = new Configuration(yarn.getConfig());
      for (String file : List.of("core-site.xml", "yarn-site.xml")) {
        try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
          started.writeXml(out);
        }
      }
      return new YarnTestCluster(dfs, yarn, started);
    }
  }
}
