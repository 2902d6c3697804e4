package dev.ember.executor;

import dev.ember.cluster.ClusterManager;
import dev.ember.cluster.DriverServices;
import dev.ember.cluster.RemoteSchedulerBackend;
import dev.ember.rpc.RpcOptions;
import dev.ember.rpc.RpcSecret;
import dev.ember.scheduler.SchedulerBackend;

/**
 * {@code local-cluster[N,cores,memoryMiB]}: runs N {@link ExecutorMain} child JVMs on this machine
 * and schedules on them through a {@link RemoteSchedulerBackend}, so that tasks, shuffle data,
 * broadcasts and results cross real process boundaries and the RPC layer without YARN (Spark's
 * test-only {@code local-cluster} master). Registered in {@code
 * META-INF/services/dev.ember.cluster.ClusterManager}; called once per session on the driver's
 * thread. A new RPC secret is generated per session and handed to the children in a file.
 */
public final class LocalClusterManager implements ClusterManager {
  /** Called by {@link java.util.ServiceLoader}. */
  public LocalClusterManager() {}

  @Override
  public boolean canCreate(String master) {
    return master.startsWith("local-cluster");
  }

  /**
   * @throws IllegalArgumentException if {@code master} is malformed
   */
  @Override
  public SchedulerBackend createBackend(String master, DriverServices services) {
    LocalClusterSpec spec = LocalClusterSpec.parse(master);
    RpcSecret secret = RpcSecret.generate();
    ChildJvmLauncher launcher = new ChildJvmLauncher(spec, services, secret);
    String host = services.conf().getOptional(RpcOptions.DRIVER_HOST).orElse("127.0.0.1");
    return new RemoteSchedulerBackend(services, secret, host, launcher);
  }
}
