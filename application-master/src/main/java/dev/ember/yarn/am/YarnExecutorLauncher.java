package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.ExecutorLauncher;
import dev.ember.executor.ExecutorSpec;
import dev.ember.executor.InProcessExecutor;
import dev.ember.rpc.RpcSecret;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /** How long the containers' launch waits for the AM's own executor to register. */
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(YarnExecutorLauncher.class);

  private final AmRuntime runtime;
  private Optional<InProcessExecutor> driverExecutor = Optional.empty();

  YarnExecutorLauncher(AmRuntime runtime) {
    this.runtime = requireNonNull(runtime, "runtime is null");
  }

  @Override
  public void launch(String driverAddress) {
    // The AM's own executor first, registered before any container is launched: the first job
    // then always finds it (a container's JVM takes seconds; this takes tens of milliseconds once
    // gRPC is warm), and its class loading does not compete with the containers' JVMs for cores.
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
    driverExecutor.ifPresent(this::awaitRegistration);
    runtime.allocator().requestExecutors(runtime.executors(), driverAddress);
  }

  /** Waits up to {@link #REGISTRATION_WAIT} for the AM's own executor; the containers go anyway. */
  private void awaitRegistration(InProcessExecutor executor) {
    try {
      if (!executor.awaitRegistered(REGISTRATION_WAIT)) {
        LOG.warn(
            "The ApplicationMaster's own executor did not register within {}; launching the"
                + " executor containers without it",
            REGISTRATION_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
  public Optional<String> driverExecutorId() {
    return runtime.driverExecutor().map(d -> DRIVER_EXECUTOR_ID);
  }

  /** Waits for the AM's own executor to stop (the backend has asked every executor to). */
  @Override
  public void close() {
    driverExecutor.ifPresent(InProcessExecutor::close);
  }
}
