package dev.ember.minicluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The client-side settings of an {@link EmbeddedCluster}, as {@code core-site.xml}, {@code
 * hdfs-site.xml} and {@code yarn-site.xml}: only what a client needs to reach the cluster (the
 * default file system, the ResourceManager's addresses, the rack mapping), so that containers run
 * with the same configuration a user's client would. Immutable.
 */
final class SiteFiles {
  static final String MAPPING_KEY = "net.topology.node.switch.mapping.impl";
  static final String TABLE_FILE_KEY = "net.topology.table.file.name";

  private static final List<String> YARN_KEYS =
      List.of(
          YarnConfiguration.RM_ADDRESS,
          YarnConfiguration.RM_SCHEDULER_ADDRESS,
          YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS,
          YarnConfiguration.RM_ADMIN_ADDRESS,
          YarnConfiguration.RM_WEBAPP_ADDRESS,
          YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB,
          YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB);

  /** How long a client or container keeps trying to reach the ResourceManager, ms. */
  static final long RM_CONNECT_MAX_WAIT_MS = 60_000;

  private final Map<String, String> core;
  private final Map<String, String> hdfs;
  private final Map<String, String> yarn;

  private SiteFiles(Map<String, String> core, Map<String, String> hdfs, Map<String, String> yarn) {
    this.core = Map.copyOf(core);
    this.hdfs = Map.copyOf(hdfs);
    this.yarn = Map.copyOf(yarn);
  }

  /**
   * @param defaultFs the NameNode's {@code hdfs://host:port}
   * @param yarnConf the started ResourceManager's configuration (its bound addresses)
   * @param replication {@code dfs.replication} (at most the number of DataNodes)
   * @param blockSize {@code dfs.blocksize}, if not Hadoop's default
   */
  static SiteFiles of(
      String defaultFs, Configuration yarnConf, int replication, OptionalLong blockSize) {
    Map<String, String> core = new LinkedHashMap<>();
    core.put("fs.defaultFS", defaultFs);
    core.put(MAPPING_KEY, "org.apache.hadoop.net.TableMapping");
    Map<String, String> hdfs = new LinkedHashMap<>();
    hdfs.put(DFSConfigKeys.DFS_REPLICATION_KEY, Integer.toString(replication));
    blockSize.ifPresent(b -> hdfs.put(DFSConfigKeys.DFS_BLOCK_SIZE_KEY, Long.toString(b)));
    Map<String, String> yarn = new LinkedHashMap<>();
    for (String key : YARN_KEYS) {
      yarn.put(key, yarnConf.get(key));
    }
    // This cluster's ResourceManager never fails over and is gone for good once the cluster stops:
    // a client or an ApplicationMaster that lost it gives up after 1 min instead of YARN's 15, so
    // that an AM left running by a stopped cluster does not retry (and live) for that long.
    yarn.put(
        YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS,
        Long.toString(RM_CONNECT_MAX_WAIT_MS));
    yarn.put(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, "1000");
    return new SiteFiles(core, hdfs, yarn);
  }

  String defaultFs() {
    return core.get("fs.defaultFS");
  }

  /** Sets every setting on {@code conf}, naming {@code topologyFile} as the rack table. */
  void applyTo(Configuration conf, Path topologyFile) {
    core.forEach(conf::set);
    conf.set(TABLE_FILE_KEY, topologyFile.toString());
    hdfs.forEach(conf::set);
    yarn.forEach(conf::set);
  }

  /**
   * Writes the three site files, {@code log4j.properties} and the topology table ({@code host rack}
   * lines for {@code hosts}) into {@code dir}.
   *
   * @return {@code dir}
   */
  Path write(Path dir, List<SimulatedHost> hosts) throws IOException {
    Path topology = dir.resolve(EmbeddedCluster.TOPOLOGY_FILE);
    StringBuilder table = new StringBuilder();
    for (SimulatedHost host : hosts) {
      table.append(host.name()).append(' ').append(host.rack()).append('\n');
    }
    EmbeddedCluster.writeText(topology, table.toString());
    Map<String, String> coreWithTable = new LinkedHashMap<>(core);
    coreWithTable.put(TABLE_FILE_KEY, topology.toString());
    EmbeddedCluster.writeXml(dir.resolve("core-site.xml"), xml(coreWithTable));
    EmbeddedCluster.writeXml(dir.resolve("hdfs-site.xml"), xml(hdfs));
    EmbeddedCluster.writeXml(dir.resolve("yarn-site.xml"), xml(yarn));
    EmbeddedCluster.writeText(
        dir.resolve("log4j.properties"),
        String.join(
            "\n",
            "# Written by Ember's EmbeddedCluster: containers log to their stderr file.",
            "log4j.rootLogger=INFO,console",
            "log4j.appender.console=org.apache.log4j.ConsoleAppender",
            "log4j.appender.console.target=System.err",
            "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.console.layout.ConversionPattern="
                + "%d{yy/MM/dd HH:mm:ss.SSS} %p %c{2}: %m%n",
            ""));
    return dir;
  }

  private static Configuration xml(Map<String, String> settings) {
    Configuration conf = new Configuration(false);
    settings.forEach(conf::set);
    return conf;
  }
}
