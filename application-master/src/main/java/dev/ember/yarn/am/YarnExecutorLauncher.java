package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.ExecutorLauncher;

/**
 * Starts the driver's executors in YARN containers: asks the {@link ExecutorAllocator} for {@code
 * ember.executor.instances} containers, which start {@link YarnExecutorMain} and register with the
 * driver. Called by the remote scheduler backend on the driver's thread. Containers are stopped by
 * the ResourceManager when the ApplicationMaster unregisters; the executors themselves exit when
 * the backend asks them to shut down.
 */
final class YarnExecutorLauncher implements ExecutorLauncher {
  private final AmRuntime runtime;

  YarnExecutorLauncher(AmRuntime runtime) {
    this.runtime = requireNonNull(runtime, "runtime is null");
  }

  @Override
  public void launch(String driverAddress) {
    runtime.allocator().requestExecutors(runtime.executors(), driverAddress);
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
  public void close() {}
}
