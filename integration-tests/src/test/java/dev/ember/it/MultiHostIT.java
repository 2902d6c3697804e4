package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.it.jobs.WhereJob;
import dev.ember.minicluster.SimulatedHost;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application in cluster deploy mode on 4 simulated hosts over 2 racks, where each NodeManager
 * has room for exactly one container (1024 MiB; the AM and each executor take 896 MiB): the AM and
 * its 3 executors land on 4 distinct hosts. Checks that containers get Hadoop only from the
 * cluster's installation and Ember only from the localized jars.
 */
class MultiHostIT {
  @TempDir static Path dir;

  private static YarnTestCluster cluster;
  private static Path appJar;

  @BeforeAll
  static void start() throws IOException {
    cluster =
        YarnTestCluster.builder(dir.resolve("cluster"))
            .nodeManagers(4)
            .racks(2)
            .nodeManagerMemoryMiB(1024)
            .start();
    appJar = YarnTestCluster.appJar(dir, WhereJob.class);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void oneContainerRunsOnEachHostWithTheInstallationsClasspath() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    String output = cluster.uri("/out/where.txt");
    int code =
        EmberSubmit.run(
            new String[] {
              "--master",
              "yarn",
              "--deploy-mode",
              "cluster",
              "--class",
              WhereJob.class.getName(),
              "--name",
              "WhereJob",
              "--num-executors",
              "3",
              "--executor-memory",
              "512m",
              "--driver-memory",
              "512m",
              "--conf",
              "ember.yarn.report.interval=200ms",
              "--conf",
              "ember.yarn.jars=" + YarnTestCluster.emberJars(),
              appJar.toString(),
              output
            },
            cluster.conf(),
            out,
            out);
    String submitOutput = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(submitOutput).isEqualTo(ExitCodes.SUCCESS);
    Matcher m =
        Pattern.compile("Submitted application (application_\\d+_\\d+)").matcher(submitOutput);
    assertThat(m.find()).as(submitOutput).isTrue();
    String appId = m.group(1);

    // Every host kept the log directory of the one container it ran for the application.
    for (SimulatedHost host : cluster.cluster().hosts()) {
      Path appLogs =
          cluster
              .cluster()
              .baseDir()
              .resolve("yarn")
              .resolve(host.name())
              .resolve("log")
              .resolve(appId);
      assertThat(containerDirs(appLogs)).as("containers of %s on %s", appId, host).hasSize(1);
    }

    List<String> lines;
    try (InputStream in = cluster.fs().open(new org.apache.hadoop.fs.Path("/out/where.txt"))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    Set<String> hostNames = new HashSet<>();
    cluster.cluster().hosts().forEach(h -> hostNames.add(h.name()));
    assertThat(lines).first().asString().startsWith("driver ");
    assertThat(lines.size()).as(String.join("\n", lines)).isGreaterThanOrEqualTo(2);
    Set<String> processHosts = new HashSet<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      assertThat(hostNames).as(line).contains(parts[1]);
      assertThat(processHosts.add(parts[1])).as("two processes on %s", parts[1]).isTrue();
      assertClasspathIsTheClusters(parts[0] + " on " + parts[1], parts[2]);
    }
  }

  /**
   * Every entry is the cluster's conf directory, a jar of its Hadoop installation, or inside a
   * container's directories (the working directory and the jars localized into it); none comes from
   * this JVM's classpath; Ember's engine jar is among the localized ones.
   */
  private static void assertClasspathIsTheClusters(String process, String classpath) {
    Path hadoopHome = cluster.cluster().hadoop().home();
    Path confDir = cluster.cluster().confDir();
    Path nodeManagerDirs = cluster.cluster().baseDir().resolve("yarn");
    Set<String> ours = Set.of(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> entries = List.of(classpath.split(File.pathSeparator));
    List<String> foreign = new ArrayList<>();
    for (String entry : entries) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      boolean clusters =
          p.equals(confDir) || p.startsWith(hadoopHome) || p.startsWith(nodeManagerDirs);
      if (!clusters || ours.contains(entry)) {
        foreign.add(entry);
      }
    }
    assertThat(foreign).as("classpath entries of the %s not from the cluster", process).isEmpty();
    assertThat(entries)
        .as(process)
        .contains(confDir.toString())
        .anyMatch(e -> e.startsWith(hadoopHome + "/share/hadoop/common/hadoop-common-"))
        .anyMatch(
            e ->
                Path.of(e).startsWith(nodeManagerDirs)
                    && Path.of(e).getFileName().toString().startsWith("ember-engine-"));
  }

  private static List<Path> containerDirs(Path appLogs) throws IOException {
    if (!Files.isDirectory(appLogs)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(appLogs)) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("container_")).toList();
    }
  }
}
