package dev.ember.yarn.am;

import dev.ember.cluster.ClusterManager;
import dev.ember.cluster.DriverServices;
import dev.ember.cluster.RemoteSchedulerBackend;
import dev.ember.rpc.RpcSecret;
import dev.ember.scheduler.SchedulerBackend;

/**
 * {@code ember.master=yarn}: schedules on executors in YARN containers that the ApplicationMaster
 * hosting this driver allocates. Registered in {@code
 * META-INF/services/dev.ember.cluster.ClusterManager}; called once per session on the driver's
 * thread. The backend hears about lost executor containers from the ApplicationMaster's allocator
 * ({@link YarnSchedulerBackend}). Only cluster deploy mode exists so far: the driver must run
 * inside Ember's ApplicationMaster (started by {@code ember-submit --deploy-mode cluster}).
 */
public final class YarnClusterManager implements ClusterManager {
  /** Called by {@link java.util.ServiceLoader}. */
  public YarnClusterManager() {}

  @Override
  public boolean canCreate(String master) {
    return master.equals("yarn");
  }

  /**
   * @throws IllegalStateException if this process is not Ember's ApplicationMaster
   */
  @Override
  public SchedulerBackend createBackend(String master, DriverServices services) {
    AmRuntime runtime =
        AmRuntime.current()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "ember.master=yarn: this driver does not run in Ember's"
                            + " ApplicationMaster; submit the application with ember-submit"
                            + " --master yarn --deploy-mode cluster (client deploy mode is not"
                            + " implemented yet)"));
    return new YarnSchedulerBackend(
        new RemoteSchedulerBackend(
            services,
            RpcSecret.of(runtime.secret()),
            runtime.host(),
            new YarnExecutorLauncher(runtime)),
        runtime.allocator());
  }
}
