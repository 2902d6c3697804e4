package dev.ember.minicluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
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
   * @throws IOException if its directories cannot be created
   */
  static NodeManagerHost start(
      SimulatedHost host,
      Configuration yarnConf,
      Path workDir,
      int memoryMiB,
      int vcores,
      String containerEnv)
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

  void stop() {
    nodeManager.stop();
  }
}
