package dev.ember.cluster;

import java.util.Optional;

/**
 * Starts executor processes for a {@link RemoteSchedulerBackend}: child JVMs for {@code
 * local-cluster}, YARN containers for {@code yarn}. Each launched executor runs {@code
 * dev.ember.executor.ExecutorMain} and registers itself with the driver. Called by the backend on
 * the driver's thread: {@link #launch} once when it starts, {@link #close} once when it stops.
 */
public interface ExecutorLauncher extends AutoCloseable {
  /**
   * Starts executors that will register with the driver's RPC server at {@code driverAddress}
   * ({@code host:port}). Non-blocking: registration happens later.
   *
   * @throws java.io.UncheckedIOException if an executor cannot be started
   */
  void launch(String driverAddress);

  /**
   * How many executors {@link #launch} started; the backend waits (up to {@code
   * ember.executor.registrationTimeout}) for that many to register before running jobs. 0 for
   * launchers that acquire executors gradually.
   */
  int expectedExecutors();

  /** Total task slots the launched executors will have (for the default parallelism). */
  int expectedCores();

  /**
   * The id of an executor that {@link #launch} runs inside the driver's JVM, besides the {@link
   * #expectedExecutors()} others, to run tasks while those start (MapReduce's uber mode, limited to
   * the start-up): the backend waits only for it before running jobs, and offers its slots only
   * while fewer than {@link #expectedExecutors()} other executors are registered. Empty (the
   * default) if there is none.
   */
  default Optional<String> driverExecutorId() {
    return Optional.empty();
  }

  /**
   * Reaps the executor processes after the backend asked them to shut down, killing those that do
   * not exit.
   */
  @Override
  void close();
}
