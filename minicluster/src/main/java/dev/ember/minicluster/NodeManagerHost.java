package dev.ember.minicluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.nodemanager.containermanager.ContainerManagerImpl;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

/**
 * One NodeManager of an {@link EmbeddedCluster}, on one simulated host: it binds its RPC, localizer
 * and web servers to the host's loopback address, so its {@link NodeId} carries that address.
 *
 * <p>MiniYARNCluster's own NodeManagers all take the machine's host name (its {@code
 * NodeManagerWrapper} sets {@code yarn.nodemanager.address} to it), which is why the cluster starts
 * one with no NodeManager and adds these. Like MiniYARNCluster's {@code CustomNodeManager}, it
 * skips the keytab login. Not thread-safe: started and stopped by the cluster's thread.
 */
final class NodeManagerHost {
  private final SimulatedHost host;
  private final NodeManager nodeManager;

  private NodeManagerHost(SimulatedHost host, NodeManager nodeManager) {
    this.host = host;
    this.nodeManager = nodeManager;
  }

  /**
   * Initializes and starts the NodeManager of {@code host}; it registers with the ResourceManager
   * named in {@code yarnConf} before this returns.
   *
   * @param yarnConf the started ResourceManager's configuration (its bound addresses)
   * @param workDir this NodeManager's own directory (local, log and remote log directories)
   * @param memoryMiB the memory it offers to containers
   * @param vcores the virtual cores it offers to containers
   * @param containerEnv {@code yarn.nodemanager.admin-env}: variables forced into every container
   * @param mapReduceShuffle whether to run MapReduce's {@code mapreduce_shuffle} auxiliary service
   *     (Hadoop's {@code ShuffleHandler}, on a free port: several NodeManagers share this machine)
   * @throws IOException if its directories cannot be created
   */
  /** The auxiliary service name MapReduce's jobs ask each NodeManager for. */
  static final String MAPREDUCE_SHUFFLE = "mapreduce_shuffle";

  static NodeManagerHost start(
      SimulatedHost host,
      Configuration yarnConf,
      Path workDir,
      int memoryMiB,
      int vcores,
      String containerEnv,
      boolean mapReduceShuffle)
      throws IOException {
    requireNonNull(host, "host is null");
    YarnConfiguration conf = new YarnConfiguration(yarnConf);
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, dir(workDir, "local"));
    conf.set(YarnConfiguration.NM_LOG_DIRS, dir(workDir, "log"));
    conf.set(YarnConfiguration.NM_REMOTE_APP_LOG_DIR, dir(workDir, "remote-log"));
    conf.setInt(YarnConfiguration.NM_PMEM_MB, memoryMiB);
    conf.setInt(YarnConfiguration.NM_VCORES, vcores);
    // With a bind host and an address, the NodeManager builds its NodeId from the address's host.
    conf.set(YarnConfiguration.NM_BIND_HOST, host.name());
    conf.set(YarnConfiguration.NM_ADDRESS, host.name() + ":0");
    conf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, host.name() + ":0");
    WebAppUtils.setNMWebAppHostNameAndPort(conf, host.name(), 0);
    conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, containerEnv);
    // Containers share this machine's memory; a JVM's virtual memory is far above its heap.
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // A nearly full shared disk must not mark every simulated host unhealthy at once.
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    conf.setBoolean(YarnConfiguration.NM_RECOVERY_ENABLED, false);
    if (mapReduceShuffle) {
      // What MapReduce on YARN needs from every NodeManager (as Hadoop's MiniMRYarnCluster sets
      // it); port 0 because the NodeManagers of one machine would collide on the default 13562.
      conf.setStrings(YarnConfiguration.NM_AUX_SERVICES, MAPREDUCE_SHUFFLE);
      conf.set(
          String.format(YarnConfiguration.NM_AUX_SERVICE_FMT, MAPREDUCE_SHUFFLE),
          "org.apache.hadoop.mapred.ShuffleHandler");
      conf.setInt("mapreduce.shuffle.port", 0);
    }
    NodeManager nodeManager =
        new NodeManager() {
          @Override
          protected void doSecureLogin() {
            // No Kerberos on a single-machine cluster.
          }
        };
    nodeManager.init(conf);
    nodeManager.start();
    return new NodeManagerHost(host, nodeManager);
  }

  private static String dir(Path workDir, String name) throws IOException {
    return Files.createDirectories(workDir.resolve(name)).toAbsolutePath().toString();
  }

  SimulatedHost host() {
    return host;
  }

  /** The NodeId the NodeManager registered with ({@code <host address>:<port>}). */
  NodeId nodeId() {
    return nodeManager.getNMContext().getNodeId();
  }

  /**
   * The metadata of the auxiliary services this NodeManager runs, by service name (for {@code
   * mapreduce_shuffle}: its port, as {@code ShuffleHandler.serializeMetaData} writes it).
   */
  Map<String, ByteBuffer> auxServiceMetaData() {
    return ((ContainerManagerImpl) nodeManager.getNMContext().getContainerManager())
        .getAuxServiceMetaData();
  }

  void stop() {
    nodeManager.stop();
  }
}
