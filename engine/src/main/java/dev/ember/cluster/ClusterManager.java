package dev.ember.cluster;

import dev.ember.scheduler.SchedulerBackend;
import java.util.Optional;

/**
 * A pluggable cluster manager chosen by the {@code ember.master} URL (Spark's {@code
 * ExternalClusterManager}). The engine ships {@link LocalClusterManager} for {@code local[N]};
 * other modules (YARN) register theirs in {@code
 * META-INF/services/dev.ember.cluster.ClusterManager}, found with {@link java.util.ServiceLoader}.
 * Called once per session on the driver's thread.
 */
public interface ClusterManager {
  /** Whether this manager handles {@code master} (e.g. "yarn", "local[4]"). */
  boolean canCreate(String master);

  /**
   * Creates the scheduler backend that will run executors.
   *
   * @throws IllegalArgumentException if {@code master} is malformed, naming the expected form
   */
  SchedulerBackend createBackend(String master, DriverServices services);

  /**
   * The id of the application this driver runs as, if the cluster manager assigned one (YARN's
   * {@code application_<ts>_<n>}, the same in every attempt); empty lets the session name itself
   * {@code local-<millis>}. Called once, before {@link #createBackend}.
   */
  default Optional<String> applicationId(String master) {
    return Optional.empty();
  }
}
