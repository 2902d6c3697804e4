package dev.ember.it;

import static java.util.Objects.requireNonNull;

import dev.ember.minicluster.EmbeddedCluster;
import dev.ember.minicluster.HadoopInstallation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * A YARN + HDFS cluster for one test class ({@link EmbeddedCluster}), started through {@link
 * #builder}: by default 2 simulated hosts on 1 rack, each with a NodeManager (4096 MiB, 8 vcores)
 * and a DataNode; the ResourceManager's maximum allocation is 4096 MiB.
 *
 * <p>Containers get Hadoop only from the cluster's Hadoop installation (Hadoop's default {@code
 * yarn.application.classpath}) and Ember only from the jars ember-submit stages: tests pass {@link
 * #emberJars()} as {@code ember.yarn.jars}, and the application's classes through {@link #appJar}.
 * Nothing of this JVM's classpath reaches a container.
 */
final class YarnTestCluster implements AutoCloseable {
  private final EmbeddedCluster cluster;

  private YarnTestCluster(EmbeddedCluster cluster) {
    this.cluster = cluster;
  }

  static Builder builder(Path baseDir) {
    return new Builder(baseDir);
  }

  /**
   * A new client configuration: HDFS as default FS, the RM's addresses, the rack mapping; Hadoop's
   * default {@code yarn.application.classpath}.
   */
  Configuration conf() {
    return cluster.conf();
  }

  FileSystem fs() throws IOException {
    return cluster.fs();
  }

  /** The fully qualified URI of an HDFS path. */
  String uri(String path) throws IOException {
    return fs().getUri() + path;
  }

  /** The underlying cluster: its hosts, racks, NodeIds, conf directory, Hadoop installation. */
  EmbeddedCluster cluster() {
    return cluster;
  }

  /**
   * The ember-submit arguments an IT submission to this cluster starts with: {@code --master yarn},
   * the deploy mode, the main class (its simple name as application name), {@code executors}
   * executors of 512 MiB, a 512 MiB driver, the report polled every 200 ms, and {@link
   * #emberJars()} as {@code ember.yarn.jars}. Mutable: a test adds its flags, then the application
   * jar and its arguments.
   */
  static List<String> submitArgs(Class<?> mainClass, String deployMode, int executors) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "--master",
                "yarn",
                "--deploy-mode",
                deployMode,
                "--class",
                mainClass.getName(),
                "--name",
                mainClass.getSimpleName(),
                "--num-executors",
                Integer.toString(executors),
                "--executor-memory",
                "512m",
                "--driver-memory",
                "512m",
                "--conf",
                "ember.yarn.report.interval=200ms"));
    String jars = emberJars();
    if (!jars.isEmpty()) {
      argv.addAll(List.of("--conf", "ember.yarn.jars=" + jars));
    }
    return argv;
  }

  /** The text of an HDFS file. */
  String read(String path) throws IOException {
    try (InputStream in = fs().open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The application ids that still have a staging directory under the user's home. */
  List<String> stagedApplications() throws IOException {
    org.apache.hadoop.fs.Path staging =
        new org.apache.hadoop.fs.Path(fs().getHomeDirectory(), ".emberStaging");
    if (!fs().exists(staging)) {
      return List.of();
    }
    return Stream.of(fs().listStatus(staging)).map(s -> s.getPath().getName()).toList();
  }

  /** Whether a YARN application in {@code state} has ended. */
  static boolean isTerminal(YarnApplicationState state) {
    return state == YarnApplicationState.FINISHED
        || state == YarnApplicationState.FAILED
        || state == YarnApplicationState.KILLED;
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

  /**
   * Ember's runtime jars set, comma-separated, to stage as {@code ember.yarn.jars}: Ember's module
   * jars and their dependencies (this module's Maven runtime classpath, where Hadoop is provided),
   * less every jar whose artifact the cluster's Hadoop installation already holds. This is what a
   * distribution's {@code jars/} holds.
   *
   * @throws IllegalStateException if the classpath file is missing or names an Ember module that is
   *     not packaged as a jar (the ITs must run with {@code mvn verify}, not {@code mvn test})
   */
  static String emberJars() {
    return String.join(",", emberJarList().stream().map(Path::toString).toList());
  }

  /** {@link #emberJars()} as paths. */
  static List<Path> emberJarList() {
    String file =
        System.getProperty("dev.ember.it.runtimeClasspath", "target/ember-runtime-classpath.txt");
    String classpath;
    try {
      classpath = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read Ember's runtime classpath " + file + "; run the ITs with mvn verify", e);
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
        throw new IllegalStateException(
            entry
                + " on Ember's runtime classpath is not a jar; containers get Ember only from"
                + " jars: run the ITs with mvn verify (which packages the modules), not mvn test");
      }
      jars.add(p);
    }
    return HadoopInstallation.built().withoutProvided(jars);
  }

  @Override
  public void close() {
    cluster.close();
  }

  /** Builds and starts a cluster. */
  static final class Builder {
    private final EmbeddedCluster.Builder cluster;

    private Builder(Path baseDir) {
      this.cluster = EmbeddedCluster.builder(requireNonNull(baseDir, "baseDir is null")).hosts(2);
    }

    /** The number of hosts, each with a NodeManager and a DataNode (default 2). */
    Builder nodeManagers(int n) {
      cluster.hosts(n);
      return this;
    }

    /** The number of racks the hosts are spread over, round-robin (default 1). */
    Builder racks(int n) {
      cluster.racks(n);
      return this;
    }

    /** The memory each NodeManager offers to containers, in MiB (default 4096). */
    Builder nodeManagerMemoryMiB(int mib) {
      cluster.nodeManagerMemoryMiB(mib);
      return this;
    }

    /** HDFS's block size in bytes (default Hadoop's); a multiple of 512. */
    Builder blockSize(long bytes) {
      cluster.blockSize(bytes);
      return this;
    }

    YarnTestCluster start() throws IOException {
      return new YarnTestCluster(cluster.start());
    }
  }
}
