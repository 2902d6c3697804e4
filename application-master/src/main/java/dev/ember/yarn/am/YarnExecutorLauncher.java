package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.ExecutorLauncher;
import dev.ember.executor.ExecutorSpec;
import dev.ember.executor.InProcessExecutor;
import dev.ember.rpc.RpcSecret;
import java.util.Optional;

/**
 * Starts the driver's executors in YARN containers: asks the {@link ExecutorAllocator} for {@code
 * ember.executor.instances} containers, which start {@link YarnExecutorMain} and register with the
 * driver. With {@code ember.yarn.driverExecutor.enabled} it also starts an {@link
 * InProcessExecutor} with id {@value #DRIVER_EXECUTOR_ID} in the AM's JVM, which the backend uses
 * only while the containers are missing. Called by the remote scheduler backend on the driver's
 * thread. Containers are stopped by the ResourceManager when the ApplicationMaster unregisters; the
 * executors themselves exit when the backend asks them to shut down.
 */
final class YarnExecutorLauncher implements ExecutorLauncher {
  /** The id of the executor in the AM's JVM (as local mode's executor in the driver's JVM). */
  static final String DRIVER_EXECUTOR_ID = "driver";

  private final AmRuntime runtime;
  private Optional<InProcessExecutor> driverExecutor = Optional.empty();

  YarnExecutorLauncher(AmRuntime runtime) {
    this.runtime = requireNonNull(runtime, "runtime is null");
  }

  @Override
  public void launch(String driverAddress) {
    // The AM's own executor first: its class loading then starts before the containers' JVMs,
    // which compete for the same cores when they run on the AM's host.
    driverExecutor =
        runtime
            .driverExecutor()
            .map(
                d ->
                    InProcessExecutor.start(
                        new ExecutorSpec(
                            driverAddress,
                            DRIVER_EXECUTOR_ID,
                            runtime.host(),
                            d.cores(),
                            d.memoryBudgetBytes(),
                            d.localDirs()),
                        RpcSecret.of(runtime.secret())));
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
  public Optional<String> driverExecutorId() {
    return runtime.driverExecutor().map(d -> DRIVER_EXECUTOR_ID);
  }

  /** Waits for the AM's own executor to stop (the backend has asked every executor to). */
  @Override
  public void close() {
    driverExecutor.ifPresent(InProcessExecutor::close);
  }
}
