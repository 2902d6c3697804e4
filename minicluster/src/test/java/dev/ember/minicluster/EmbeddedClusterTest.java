package dev.ember.minicluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.net.DNSToSwitchMapping;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four simulated hosts over two racks on one machine. */
class EmbeddedClusterTest {
  @TempDir static Path dir;

  private static EmbeddedCluster cluster;

  private static final Map<String, String> EXPECTED_RACKS =
      Map.of(
          "127.0.1.10", "/rack0",
          "127.0.2.11", "/rack1",
          "127.0.1.12", "/rack0",
          "127.0.2.13", "/rack1");

  @BeforeAll
  static void start() throws IOException {
    cluster =
        EmbeddedCluster.builder(dir.resolve("cluster"))
            .hosts(4)
            .racks(2)
            .nodeManagerMemoryMiB(1024)
            .mapReduceShuffle(true)
            .start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void hostsAreLoopbackAddressesSpreadOverTheRacks() {
    assertThat(cluster.hosts().stream().collect(Collectors.toMap(h -> h.name(), h -> h.rack())))
        .isEqualTo(EXPECTED_RACKS);
  }

  @Test
  void resourceManagerListsOneNodeManagerPerHostWithItsRack() throws Exception {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(cluster.conf());
      yarn.start();
      List<NodeReport> nodes = yarn.getNodeReports(NodeState.RUNNING);
      Map<String, String> racks = new TreeMap<>();
      for (NodeReport node : nodes) {
        racks.put(node.getNodeId().getHost(), node.getRackName());
      }
      assertThat(nodes).hasSize(4);
      assertThat(nodes.stream().map(NodeReport::getNodeId).distinct()).hasSize(4);
      assertThat(racks).isEqualTo(EXPECTED_RACKS);
      assertThat(cluster.nodeIds().stream().map(id -> id.getHost()))
          .containsExactly("127.0.1.10", "127.0.2.11", "127.0.1.12", "127.0.2.13");
    }
  }

  @Test
  void everyNodeManagerRunsMapReducesShuffleServiceOnItsOwnPort() {
    assertThat(cluster.mapReduceShufflePorts())
        .hasSize(4)
        .allMatch(port -> port > 0)
        .doesNotHaveDuplicates();
  }

  @Test
  void dataNodesReportTheirHostsAndRacks() throws IOException {
    DatanodeInfo[] dataNodes = ((DistributedFileSystem) cluster.fs()).getDataNodeStats();
    Map<String, String> racks = new TreeMap<>();
    for (DatanodeInfo dn : dataNodes) {
      racks.put(dn.getHostName(), dn.getNetworkLocation());
    }
    assertThat(dataNodes).hasSize(4);
    assertThat(racks).isEqualTo(EXPECTED_RACKS);
  }

  @Test
  void aClientResolvesRacksThroughTheWrittenCoreSite() throws IOException {
    Path confDir = cluster.writeHadoopConfDir(dir.resolve("client-conf"));
    assertThat(Stream.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "topology.table"))
        .allMatch(f -> confDir.resolve(f).toFile().isFile());

    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("core-site.xml").toUri()));
    assertThat(conf.get("net.topology.node.switch.mapping.impl"))
        .isEqualTo("org.apache.hadoop.net.TableMapping");
    DNSToSwitchMapping mapping =
        ReflectionUtils.newInstance(
            conf.getClass("net.topology.node.switch.mapping.impl", null, DNSToSwitchMapping.class),
            conf);
    assertThat(mapping.resolve(List.of("127.0.2.13", "127.0.1.10")))
        .containsExactly("/rack1", "/rack0");
    assertThat(conf.get("fs.defaultFS")).isEqualTo(cluster.defaultFs());
    Configuration yarnSite = new Configuration(false);
    yarnSite.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("yarn-site.xml").toUri()));
    assertThat(yarnSite.getLong("yarn.resourcemanager.connect.max-wait.ms", -1))
        .isEqualTo(SiteFiles.RM_CONNECT_MAX_WAIT_MS);
  }

  @Test
  void webUisAndTheInstallationAreOnThisMachine() throws Exception {
    for (String ui : List.of(cluster.nameNodeWebUi(), cluster.resourceManagerWebUi())) {
      URI uri = URI.create(ui);
      assertThat(InetAddress.getByName(uri.getHost()).isLoopbackAddress()).as(ui).isTrue();
      assertThat(uri.getPort()).as(ui).isPositive();
    }
    assertThat(cluster.hadoop().jars())
        .anyMatch(j -> j.getFileName().toString().startsWith("hadoop-common-"))
        .anyMatch(j -> j.getFileName().toString().startsWith("hadoop-hdfs-client-"))
        .anyMatch(j -> j.getFileName().toString().startsWith("hadoop-yarn-client-"));
    assertThat(cluster.conf().get("yarn.application.classpath")).isNull();
  }
}
