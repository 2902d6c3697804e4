package dev.ember.yarn.am;

import dev.ember.cluster.ClusterManager;
import dev.ember.cluster.DriverServices;
import dev.ember.cluster.RemoteSchedulerBackend;
import dev.ember.rpc.RpcOptions;
import dev.ember.rpc.RpcSecret;
import dev.ember.scheduler.SchedulerBackend;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * {@code ember.master=yarn}: schedules on executors in YARN containers. In cluster deploy mode the
 * driver runs inside Ember's ApplicationMaster ({@link AmRuntime}), which allocates the executors
 * itself; in client deploy mode the driver runs in ember-submit ({@link ClientModeRuntime}) and
 * asks the application's ApplicationMaster for them over RPC. Registered in {@code
 * META-INF/services/dev.ember.cluster.ClusterManager}; called once per session on the driver's
 * thread. In cluster deploy mode the backend hears about lost executor containers and a failed
 * allocation from the ApplicationMaster's allocator directly ({@link YarnSchedulerBackend}); in
 * client deploy mode through the ApplicationMaster's RPC stream. In both modes the driver sends the
 * AM its pending tasks' locality demand ({@link DemandReportingBackend}), so that the AM asks for
 * containers near the data.
 */
public final class YarnClusterManager implements ClusterManager {
  /** Called by {@link java.util.ServiceLoader}. */
  public YarnClusterManager() {}

  @Override
  public boolean canCreate(String master) {
    return master.equals("yarn");
  }

  /**
   * In cluster deploy mode, the YARN application id of the ApplicationMaster's container (the same
   * in every attempt); empty in client deploy mode.
   */
  @Override
  public Optional<String> applicationId(String master) {
    if (AmRuntime.current().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(System.getenv(ApplicationConstants.Environment.CONTAINER_ID.name()))
        .map(id -> ContainerId.fromString(id).getApplicationAttemptId().getApplicationId())
        .map(Object::toString);
  }

  /**
   * @throws IllegalStateException if this process is neither Ember's ApplicationMaster nor an
   *     ember-submit running the application in client deploy mode
   */
  @Override
  public SchedulerBackend createBackend(String master, DriverServices services) {
    Optional<AmRuntime> cluster = AmRuntime.current();
    if (cluster.isPresent()) {
      AmRuntime runtime = cluster.get();
      return new DemandReportingBackend(
          new YarnSchedulerBackend(
              new RemoteSchedulerBackend(
                  services,
                  RpcSecret.of(runtime.secret()),
                  runtime.host(),
                  new YarnExecutorLauncher(runtime)),
              runtime.allocator()),
          runtime.executors(),
          runtime.allocator()::updateDemand);
    }
    ClientModeRuntime client =
        ClientModeRuntime.current()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "ember.master=yarn: this driver was not started by ember-submit; submit"
                            + " the application with ember-submit --master yarn (--deploy-mode"
                            + " client runs the driver in ember-submit, cluster in the"
                            + " ApplicationMaster)"));
    String host = services.conf().getOptional(RpcOptions.DRIVER_HOST).orElseGet(this::localHost);
    RemoteSchedulerBackend backend =
        new RemoteSchedulerBackend(
            services, RpcSecret.of(client.secret()), host, new RemoteAmExecutorLauncher(client));
    client.applicationMaster().onExecutorLost(backend::executorLost);
    return new DemandReportingBackend(
        backend, client.executors(), client.applicationMaster()::updateDemand);
  }

  /** This machine's canonical host name, where executors reach the driver in client mode. */
  private String localHost() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "cannot resolve this machine's host name for the driver's RPC server ("
              + e.getMessage()
              + "); set "
              + RpcOptions.DRIVER_HOST.key()
              + " to a host name or address the cluster's nodes can reach",
          e);
    }
  }
}
