package dev.ember.rpc;

import java.util.Map;
import java.util.Optional;

/**
 * The driver-side owner of executors that {@link DriverRpcService} reports registrations,
 * heartbeats and task status updates to (implemented by {@code
 * dev.ember.cluster.RemoteSchedulerBackend}). Called on gRPC handler threads, only for
 * authenticated calls; implementations are thread-safe.
 */
public interface ExecutorRegistry {
  /**
   * An executor process is up and serving at {@code serverAddress}.
   *
   * @return the configuration the executor must run with (the driver's {@code ember.*} values)
   * @throws IllegalStateException if the id is already registered (the caller gets an error)
   */
  Map<String, String> registerExecutor(
      String executorId, String host, int cores, String serverAddress);

  /** A heartbeat arrived from a registered executor. */
  void heartbeat(String executorId);

  /** The executor's heartbeat stream ended: its process exited or the connection broke. */
  void executorDisconnected(String executorId, String reason);

  /** A task attempt ended on an executor; {@code encodedOutcome} is TaskOutcomeCodec bytes. */
  void statusUpdate(String executorId, long taskAttemptId, byte[] encodedOutcome);

  /** Where a live executor's server listens ({@code host:port}), or empty if unknown or lost. */
  Optional<String> serverAddress(String executorId);

  /** The application id executors name their scratch directories after. */
  String appId();
}
