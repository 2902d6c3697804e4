package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.ExecutorLauncher;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts the driver's executors in client deploy mode: asks the remote ApplicationMaster, over
 * {@code ApplicationMasterService}, for {@code ember.executor.instances} executor containers that
 * register with the driver in ember-submit (Spark's {@code YarnClientSchedulerBackend}). Called by
 * the remote scheduler backend on the driver's thread. The containers are released when the AM
 * unregisters, after ember-submit tells it the driver's main ended.
 */
final class RemoteAmExecutorLauncher implements ExecutorLauncher {
  private final ClientModeRuntime runtime;

  RemoteAmExecutorLauncher(ClientModeRuntime runtime) {
    this.runtime = requireNonNull(runtime, "runtime is null");
  }

  /**
   * @throws UncheckedIOException if the ApplicationMaster cannot be reached or refuses
   */
  @Override
  public void launch(String driverAddress) {
    try {
      runtime.applicationMaster().requestExecutors(runtime.executors(), driverAddress);
    } catch (StatusRuntimeException e) {
      throw new UncheckedIOException(
          new IOException("cannot ask the ApplicationMaster for executors: " + e.getStatus(), e));
    }
  }

  @Override
  public int expectedExecutors() {
    return runtime.executors();
  }

  @Override
  public int expectedCores() {
    return runtime.executors() * runtime.coresPerExecutor();
  }

  @Override
  public void close() {
    runtime.applicationMaster().onExecutorLost((id, reason) -> {});
  }
}
