package dev.ember.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.it.jobs.LocalityJob;
import dev.ember.it.jobs.WhereJob;
import dev.ember.minicluster.SimulatedHost;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.net.NetUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications in cluster deploy mode on 4 simulated hosts over 2 racks, each NodeManager with 1536
 * MiB for containers, so that a host holds only one 896 MiB container (512m heap + 384m overhead).
 * With such containers for the AM and each executor, the AM and its 3 executors land on 4 distinct
 * hosts: checks that containers get Hadoop only from the cluster's installation and Ember only from
 * the localized jars. With a 640 MiB AM (its overhead lowered to 128m), which fits beside one
 * executor, 4 executors run one on every host: checks that input tasks run on the host of their
 * block.
 */
class MultiHostIT {
  @TempDir static Path dir;

  private static final long BLOCK_SIZE = 1 << 20;
  private static final int BLOCKS_PER_HOST = 4;

  private static YarnTestCluster cluster;
  private static Path appJar;

  @BeforeAll
  static void start() throws IOException {
    cluster =
        YarnTestCluster.builder(dir.resolve("cluster"))
            .nodeManagers(4)
            .racks(2)
            .nodeManagerMemoryMiB(1536)
            .start();
    appJar = YarnTestCluster.appJar(dir, WhereJob.class);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Data locality end to end: 16 one-MiB blocks with one replica each, 4 on every host; one
   * executor per host (an 896 MiB executor container fits once on a NodeManager; the 640 MiB AM
   * beside one of them). The input stage's tasks run where their block is.
   */
  @Test
  void inputTasksRunOnTheHostOfTheirBlock() throws IOException {
    List<SimulatedHost> hosts = cluster.cluster().hosts();
    List<DataNode> dataNodes = cluster.cluster().dfsCluster().getDataNodes();
    DistributedFileSystem fs = (DistributedFileSystem) cluster.fs();
    long lines = 0;
    for (DataNode dn : dataNodes) {
      // Favored nodes put the file's only replicas on this DataNode: an even, known spread.
      InetSocketAddress favored = NetUtils.createSocketAddr(dn.getDatanodeId().getXferAddr());
      org.apache.hadoop.fs.Path file =
          new org.apache.hadoop.fs.Path("/locality/in/part-" + dn.getDatanodeId().getHostName());
      try (OutputStream o =
          fs.create(
              file,
              FsPermission.getFileDefault(),
              true,
              64 * 1024,
              (short) 1,
              BLOCK_SIZE,
              null,
              new InetSocketAddress[] {favored})) {
        lines += writeLines(o, BLOCKS_PER_HOST * BLOCK_SIZE);
      }
    }
    Map<String, Integer> blocksByHost = new TreeMap<>();
    for (FileStatus status : fs.listStatus(new org.apache.hadoop.fs.Path("/locality/in"))) {
      for (BlockLocation block : fs.getFileBlockLocations(status, 0, status.getLen())) {
        assertThat(block.getHosts()).as("replicas of a block of %s", status.getPath()).hasSize(1);
        blocksByHost.merge(block.getHosts()[0], 1, Integer::sum);
      }
    }
    Map<String, Integer> expectedBlocks = new TreeMap<>();
    hosts.forEach(h -> expectedBlocks.put(h.name(), BLOCKS_PER_HOST));
    assertThat(blocksByHost).as("blocks by DataNode host").isEqualTo(expectedBlocks);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code =
        EmberSubmit.run(
            new String[] {
              "--master",
              "yarn",
              "--deploy-mode",
              "cluster",
              "--class",
              LocalityJob.class.getName(),
              "--name",
              "LocalityJob",
              "--num-executors",
              Integer.toString(hosts.size()),
              "--executor-memory",
              "512m",
              "--driver-memory",
              "512m",
              "--conf",
              "ember.yarn.driver.memoryOverhead=128m",
              // A slow shared machine must not turn a busy host's tasks RACK_LOCAL: this test is
              // about where tasks can run, not about how long the scheduler waits.
              "--conf",
              "ember.locality.wait=20s",
              "--conf",
              "ember.yarn.report.interval=200ms",
              "--conf",
              "ember.yarn.jars=" + YarnTestCluster.emberJars(),
              appJar.toString(),
              cluster.uri("/locality/in"),
              cluster.uri("/locality/out.txt")
            },
            cluster.conf(),
            out,
            out);
    String submitOutput = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(submitOutput).isEqualTo(ExitCodes.SUCCESS);

    Map<String, Long> result = new TreeMap<>();
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/locality/out.txt"))) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .forEach(l -> result.put(l.split("=")[0], Long.parseLong(l.split("=")[1])));
    }
    assertThat(result.get("count")).as("%s", result).isEqualTo(lines);
    long tasks = (long) hosts.size() * BLOCKS_PER_HOST;
    long nodeLocal = result.get("NODE_LOCAL");
    System.out.printf(
        "MultiHostIT locality: %d of %d input tasks NODE_LOCAL (%.1f%%), %s%n",
        nodeLocal, tasks, 100.0 * nodeLocal / tasks, result);
    assertThat(nodeLocal + result.get("RACK_LOCAL")).as("%s", result).isEqualTo(tasks);
    assertThat(nodeLocal * 100).as("%s", result).isGreaterThanOrEqualTo(95 * tasks);
  }

  /** Writes numbered lines up to {@code bytes} bytes; returns how many. */
  private static long writeLines(OutputStream o, long bytes) throws IOException {
    long written = 0;
    long n = 0;
    while (true) {
      byte[] line = String.format("line %012d of the locality input%n", n).getBytes(UTF_8);
      if (written + line.length > bytes) {
        return n;
      }
      o.write(line);
      written += line.length;
      n++;
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
