package dev.ember.minicluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

/**
 * A real YARN + HDFS cluster on this machine: one NameNode, one ResourceManager, and {@code N}
 * simulated hosts over {@code R} racks, each with its NodeManager and DataNode(s), all bound to
 * loopback addresses. Containers get Hadoop from a directory laid out as a Hadoop installation
 * ({@link HadoopInstallation}) through Hadoop's default {@code yarn.application.classpath}, with
 * {@code HADOOP_CONF_DIR} pointing at the cluster's written site files; they get nothing from this
 * JVM's classpath.
 *
 * <p>Hosts: see {@link LoopbackTopology}. NodeManagers are started by the cluster ({@link
 * NodeManagerHost}); DataNodes by MiniDFSCluster with their host names and racks. The NameNode
 * resolves racks with MiniDFSCluster's {@code StaticMapping}, the ResourceManager with {@link
 * LoopbackRackMapping}, clients and containers with Hadoop's {@code TableMapping} and the topology
 * file written beside the site files. Started by {@link Builder#start()}, stopped by {@link
 * #close()}; the accessors are thread-safe once started.
 */
public final class EmbeddedCluster implements AutoCloseable {
  /** The file name of the topology table written beside the site files. */
  public static final String TOPOLOGY_FILE = "topology.table";

  private final Path baseDir;
  private final Path confDir;
  private final HadoopInstallation hadoop;
  private final MiniDFSCluster dfs;
  private final MiniYARNCluster yarn;
  private final List<NodeManagerHost> nodeManagers;
  private final List<SimulatedHost> hosts;
  private final SiteFiles site;

  private EmbeddedCluster(
      Path baseDir,
      Path confDir,
      HadoopInstallation hadoop,
      MiniDFSCluster dfs,
      MiniYARNCluster yarn,
      List<NodeManagerHost> nodeManagers,
      List<SimulatedHost> hosts,
      SiteFiles site) {
    this.baseDir = baseDir;
    this.confDir = confDir;
    this.hadoop = hadoop;
    this.dfs = dfs;
    this.yarn = yarn;
    this.nodeManagers = List.copyOf(nodeManagers);
    this.hosts = List.copyOf(hosts);
    this.site = site;
  }

  /** A builder of a cluster whose data, logs and configuration live under {@code baseDir}. */
  public static Builder builder(Path baseDir) {
    return new Builder(baseDir);
  }

  /**
   * A new client configuration: what a client gets from {@link #writeHadoopConfDir} (the default
   * file system, the ResourceManager's addresses, the rack mapping) on top of Hadoop's defaults.
   * {@code yarn.application.classpath} is Hadoop's default.
   */
  public Configuration conf() {
    YarnConfiguration conf = new YarnConfiguration(new HdfsConfiguration());
    site.applyTo(conf, confDir.resolve(TOPOLOGY_FILE));
    return conf;
  }

  /**
   * Writes {@code core-site.xml}, {@code hdfs-site.xml}, {@code yarn-site.xml}, {@code
   * log4j.properties} and the topology table into {@code dir} (created if missing), so that a
   * client with {@code HADOOP_CONF_DIR=dir} reaches this cluster.
   *
   * @throws IOException if a file cannot be written
   */
  public Path writeHadoopConfDir(Path dir) throws IOException {
    return site.write(Files.createDirectories(dir).toAbsolutePath(), hosts);
  }

  /** The directory of site files the containers get as {@code HADOOP_CONF_DIR}. */
  public Path confDir() {
    return confDir;
  }

  /** The base directory given to the builder. */
  public Path baseDir() {
    return baseDir;
  }

  /** The Hadoop installation the containers get Hadoop from. */
  public HadoopInstallation hadoop() {
    return hadoop;
  }

  /** The simulated hosts, in order, each with a NodeManager and DataNode(s). */
  public List<SimulatedHost> hosts() {
    return hosts;
  }

  /** The NodeIds the NodeManagers registered with, in {@link #hosts()} order. */
  public List<NodeId> nodeIds() {
    return nodeManagers.stream().map(NodeManagerHost::nodeId).toList();
  }

  /** A client of the cluster's HDFS, as the superuser (this JVM's user). */
  public FileSystem fs() throws IOException {
    return dfs.getFileSystem();
  }

  /** The NameNode's web UI, {@code http://host:port}. */
  public String nameNodeWebUi() {
    InetSocketAddress http = dfs.getNameNode().getHttpAddress();
    return "http://" + NetUtils.getHostPortString(http);
  }

  /** The ResourceManager's web UI, {@code http://host:port}. */
  public String resourceManagerWebUi() {
    return "http://" + WebAppUtils.getRMWebAppURLWithoutScheme(yarn.getConfig());
  }

  /** The default file system's URI, {@code hdfs://host:port}. */
  public String defaultFs() {
    return site.defaultFs();
  }

  /** The underlying MiniDFSCluster, for failure injection (stopping a DataNode). */
  public MiniDFSCluster dfsCluster() {
    return dfs;
  }

  /** The underlying MiniYARNCluster (its ResourceManager; its NodeManagers are not used). */
  public MiniYARNCluster yarnCluster() {
    return yarn;
  }

  /**
   * The port of MapReduce's shuffle service on each host, in {@link #hosts()} order; empty if the
   * cluster was built without {@link Builder#mapReduceShuffle}.
   */
  public List<Integer> mapReduceShufflePorts() {
    List<Integer> ports = new ArrayList<>();
    for (NodeManagerHost nm : nodeManagers) {
      ByteBuffer meta = nm.auxServiceMetaData().get(NodeManagerHost.MAPREDUCE_SHUFFLE);
      if (meta == null) {
        return List.of();
      }
      // ShuffleHandler.serializeMetaData: the port as a Writable int.
      ports.add(meta.duplicate().getInt());
    }
    return List.copyOf(ports);
  }

  /** Stops the NodeManagers, the ResourceManager and HDFS. Does not delete the base directory. */
  @Override
  public void close() {
    for (NodeManagerHost nm : nodeManagers) {
      nm.stop();
    }
    yarn.stop();
    dfs.shutdown();
  }

  /** Configures and starts an {@link EmbeddedCluster}. Not thread-safe. */
  public static final class Builder {
    private final Path baseDir;
    private int hosts = 1;
    private int racks = 1;
    private int memoryMiB = 4096;
    private int vcores = 8;
    private int dataNodesPerHost = 1;
    private OptionalLong blockSize = OptionalLong.empty();
    private int maxAllocationMiB = 4096;
    private HadoopInstallation hadoop;
    private boolean mapReduceShuffle;

    private Builder(Path baseDir) {
      this.baseDir = requireNonNull(baseDir, "baseDir is null").toAbsolutePath();
    }

    /** The number of simulated hosts (default 1), each with a NodeManager and DataNode(s). */
    public Builder hosts(int n) {
      this.hosts = n;
      return this;
    }

    /** The number of racks the hosts are spread over, round-robin (default 1). */
    public Builder racks(int n) {
      this.racks = n;
      return this;
    }

    /** The memory each NodeManager offers to containers, in MiB (default 4096). */
    public Builder nodeManagerMemoryMiB(int mib) {
      this.memoryMiB = mib;
      return this;
    }

    /** The virtual cores each NodeManager offers to containers (default 8). */
    public Builder nodeManagerVcores(int n) {
      this.vcores = n;
      return this;
    }

    /** The number of DataNodes on each host (default 1). */
    public Builder dataNodesPerHost(int n) {
      this.dataNodesPerHost = n;
      return this;
    }

    /** HDFS's {@code dfs.blocksize} in bytes (default Hadoop's, 128 MiB); a multiple of 512. */
    public Builder blockSize(long bytes) {
      this.blockSize = OptionalLong.of(bytes);
      return this;
    }

    /** The ResourceManager's maximum container allocation in MiB (default 4096). */
    public Builder maxAllocationMiB(int mib) {
      this.maxAllocationMiB = mib;
      return this;
    }

    /**
     * Whether every NodeManager runs MapReduce's {@code mapreduce_shuffle} auxiliary service
     * (default no), so that Hadoop MapReduce jobs with reducers can run on the cluster. Hadoop's
     * {@code ShuffleHandler} listens on a free port of all interfaces, not only the host's loopback
     * address.
     */
    public Builder mapReduceShuffle(boolean enabled) {
      this.mapReduceShuffle = enabled;
      return this;
    }

    /** The Hadoop installation for containers (default {@link HadoopInstallation#built()}). */
    public Builder hadoopHome(Path home) {
      this.hadoop = HadoopInstallation.at(home);
      return this;
    }

    /**
     * Starts HDFS, the ResourceManager and one NodeManager per host, and returns once every
     * NodeManager has registered.
     *
     * @throws IllegalArgumentException if a count or size is out of range, or no Hadoop
     *     installation is found
     * @throws IOException if a directory or file cannot be written, or a daemon fails to start
     */
    public EmbeddedCluster start() throws IOException {
      List<SimulatedHost> hostList = LoopbackTopology.hosts(hosts, racks);
      checkPositive("nodeManagerMemoryMiB", memoryMiB);
      checkPositive("nodeManagerVcores", vcores);
      checkPositive("dataNodesPerHost", dataNodesPerHost);
      checkPositive("maxAllocationMiB", maxAllocationMiB);
      if (blockSize.isPresent()
          && (blockSize.getAsLong() <= 0 || blockSize.getAsLong() % 512 != 0)) {
        throw new IllegalArgumentException(
            "blockSize: " + blockSize.getAsLong() + " must be a positive multiple of 512 bytes");
      }
      HadoopInstallation installation = hadoop != null ? hadoop : HadoopInstallation.built();
      Files.createDirectories(baseDir);

      MiniDFSCluster dfs = startDfs(hostList);
      MiniYARNCluster yarn = null;
      List<NodeManagerHost> started = new ArrayList<>();
      try {
        yarn = startResourceManager();
        SiteFiles site =
            SiteFiles.of(
                dfs.getFileSystem().getUri().toString(),
                yarn.getConfig(),
                Math.min(3, hostList.size() * dataNodesPerHost),
                blockSize);
        Path confDir = site.write(Files.createDirectories(baseDir.resolve("conf")), hostList);
        String containerEnv = containerEnvironment(installation, confDir);
        for (SimulatedHost host : hostList) {
          Path nmDir = baseDir.resolve("yarn").resolve(host.name());
          started.add(
              NodeManagerHost.start(
                  host,
                  yarn.getConfig(),
                  nmDir,
                  memoryMiB,
                  vcores,
                  containerEnv,
                  mapReduceShuffle));
        }
        awaitNodeManagers(yarn, hostList.size());
        return new EmbeddedCluster(
            baseDir, confDir, installation, dfs, yarn, started, hostList, site);
      } catch (IOException | RuntimeException | Error e) {
        for (NodeManagerHost nm : started) {
          nm.stop();
        }
        if (yarn != null) {
          yarn.stop();
        }
        dfs.shutdown();
        throw e;
      }
    }

    private MiniDFSCluster startDfs(List<SimulatedHost> hostList) throws IOException {
      Configuration conf = new HdfsConfiguration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.resolve("dfs").toString());
      if (blockSize.isPresent()) {
        conf.setLong(DFSConfigKeys.DFS_BLOCK_SIZE_KEY, blockSize.getAsLong());
        conf.setLong(
            DFSConfigKeys.DFS_NAMENODE_MIN_BLOCK_SIZE_KEY,
            Math.min(blockSize.getAsLong(), DFSConfigKeys.DFS_NAMENODE_MIN_BLOCK_SIZE_DEFAULT));
      }
      int count = hostList.size() * dataNodesPerHost;
      String[] dnHosts = new String[count];
      String[] dnRacks = new String[count];
      for (int i = 0; i < count; i++) {
        SimulatedHost host = hostList.get(i / dataNodesPerHost);
        dnHosts[i] = host.name();
        dnRacks[i] = host.rack();
      }
      MiniDFSCluster dfs =
          new MiniDFSCluster.Builder(conf)
              .numDataNodes(count)
              .hosts(dnHosts)
              .racks(dnRacks)
              .build();
      // MiniDFSCluster resolves every DataNode host name to "localhost" inside this JVM, which
      // would send the ResourceManager's calls to NodeManagers on those names to 127.0.0.1.
      for (SimulatedHost host : hostList) {
        NetUtils.addStaticResolution(host.name(), host.name());
      }
      dfs.waitActive();
      return dfs;
    }

    private MiniYARNCluster startResourceManager() {
      YarnConfiguration conf = new YarnConfiguration();
      // Fixed ports: MiniYARNCluster keeps the addresses given here (loopback, any free port)
      // instead of the machine's host name.
      conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, true);
      for (String key :
          List.of(
              YarnConfiguration.RM_ADDRESS,
              YarnConfiguration.RM_ADMIN_ADDRESS,
              YarnConfiguration.RM_SCHEDULER_ADDRESS,
              YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS,
              YarnConfiguration.RM_WEBAPP_ADDRESS)) {
        conf.set(key, "127.0.0.1:0");
      }
      conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
      conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, maxAllocationMiB);
      conf.setClass(
          "net.topology.node.switch.mapping.impl",
          LoopbackRackMapping.class,
          org.apache.hadoop.net.DNSToSwitchMapping.class);
      MiniYARNCluster yarn = new MiniYARNCluster("ember-minicluster", 0, 1, 1);
      yarn.init(conf);
      yarn.start();
      return yarn;
    }

    private static String containerEnvironment(HadoopInstallation hadoop, Path confDir) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("HADOOP_HOME", hadoop.home().toString());
      env.put("HADOOP_COMMON_HOME", hadoop.home().toString());
      env.put("HADOOP_HDFS_HOME", hadoop.home().toString());
      env.put("HADOOP_YARN_HOME", hadoop.home().toString());
      env.put("HADOOP_MAPRED_HOME", hadoop.home().toString());
      env.put("HADOOP_CONF_DIR", confDir.toString());
      // Hadoop's default admin environment.
      env.put("MALLOC_ARENA_MAX", "$MALLOC_ARENA_MAX");
      StringBuilder value = new StringBuilder();
      env.forEach(
          (k, v) -> {
            if (v.contains(",")) {
              throw new IllegalArgumentException(
                  k + "=" + v + ": a path with a comma cannot be passed to containers");
            }
            value.append(value.length() == 0 ? "" : ",").append(k).append('=').append(v);
          });
      return value.toString();
    }

    private static void awaitNodeManagers(MiniYARNCluster yarn, int count) throws IOException {
      for (int i = 0; i < 600; i++) {
        int running = yarn.getResourceManager().getRMContext().getRMNodes().size();
        if (running >= count) {
          return;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for NodeManagers to register", e);
        }
      }
      throw new IOException(
          count + " NodeManagers did not all register with the ResourceManager within 60 s");
    }

    private static void checkPositive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + ": " + value + " must be greater than 0");
      }
    }
  }

  static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void writeXml(Path file, Configuration conf) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      conf.writeXml(out);
    }
  }
}
