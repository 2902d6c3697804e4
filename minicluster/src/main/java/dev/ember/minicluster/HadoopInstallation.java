package dev.ember.minicluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory laid out as a Hadoop installation: {@code share/hadoop/common/*.jar}, {@code
 * share/hadoop/common/lib/*.jar}, {@code share/hadoop/hdfs/*.jar} and {@code
 * share/hadoop/yarn/*.jar}, which Hadoop's default {@code yarn.application.classpath} covers once
 * {@code HADOOP_COMMON_HOME}, {@code HADOOP_HDFS_HOME} and {@code HADOOP_YARN_HOME} point at it.
 *
 * <p>The minicluster module's build lays one out in {@code target/hadoop-home} with
 * maven-dependency-plugin (Hadoop's jars and their runtime dependencies; MapReduce's client jars
 * sit in {@code share/hadoop/common} so that the default classpath covers them). Immutable.
 */
public final class HadoopInstallation {
  /** The directories under the home that hold jars, relative to it. */
  public static final List<String> JAR_DIRS =
      List.of(
          "share/hadoop/common",
          "share/hadoop/common/lib",
          "share/hadoop/hdfs",
          "share/hadoop/hdfs/lib",
          "share/hadoop/yarn",
          "share/hadoop/yarn/lib");

  /** {@code name-1.2.3.jar}: group 1 is the artifact name without its version. */
  private static final Pattern VERSIONED_JAR =
      Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z0-9.]+)*)\\.jar");

  private final Path home;

  private HadoopInstallation(Path home) {
    this.home = home;
  }

  /**
   * The installation at {@code home}.
   *
   * @throws IllegalArgumentException if {@code home} has no {@code share/hadoop/common} jar holding
   *     Hadoop's {@code hadoop-common}
   */
  public static HadoopInstallation at(Path home) {
    Path abs = requireNonNull(home, "home is null").toAbsolutePath().normalize();
    HadoopInstallation installation = new HadoopInstallation(abs);
    boolean hasCommon =
        installation.jars().stream()
            .anyMatch(j -> j.getFileName().toString().startsWith("hadoop-common-"));
    if (!hasCommon) {
      throw new IllegalArgumentException(
          "Hadoop home "
              + abs
              + " has no share/hadoop/common/hadoop-common-*.jar; build the minicluster module"
              + " (mvn -B package -pl minicluster -am) or point hadoopHome at a Hadoop"
              + " installation");
    }
    return installation;
  }

  /**
   * The installation the minicluster module's build lays out: {@code hadoop-home} beside the
   * directory or jar this class was loaded from ({@code minicluster/target}).
   *
   * @throws IllegalArgumentException if that directory is not an installation (see {@link #at})
   */
  public static HadoopInstallation built() {
    Path codeSource;
    try {
      codeSource =
          Path.of(
              HadoopInstallation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the minicluster module's classes", e);
    }
    return at(codeSource.getParent().resolve("hadoop-home"));
  }

  /** The installation's root directory (absolute), the value of the {@code HADOOP_*_HOME}s. */
  public Path home() {
    return home;
  }

  /** Every jar of the installation, in {@link #JAR_DIRS} order, then by file name. */
  public List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    for (String dir : JAR_DIRS) {
      Path d = home.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + d, e);
      }
    }
    return List.copyOf(jars);
  }

  /**
   * The jars of {@code jars} whose artifact (the file name without its version) the installation
   * does not already hold, in their order: what an application must ship itself. A jar whose name
   * carries no version is always kept.
   */
  public List<Path> withoutProvided(List<Path> jars) {
    Set<String> provided = new HashSet<>();
    for (Path jar : jars()) {
      artifactName(jar.getFileName().toString()).ifPresent(provided::add);
    }
    List<Path> kept = new ArrayList<>();
    for (Path jar : jars) {
      var name = artifactName(jar.getFileName().toString());
      if (name.isEmpty() || !provided.contains(name.get())) {
        kept.add(jar);
      }
    }
    return List.copyOf(kept);
  }

  /** {@code guava-33.4.8-jre.jar} → {@code guava}; empty for a name without a version. */
  static java.util.Optional<String> artifactName(String fileName) {
    Matcher m = VERSIONED_JAR.matcher(fileName);
    return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return home.toString();
  }
}
