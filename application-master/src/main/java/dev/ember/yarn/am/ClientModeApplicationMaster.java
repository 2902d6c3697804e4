package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster in client deploy mode (Spark's {@code ExecutorLauncher}): the driver runs
 * in ember-submit, so this AM only serves {@code ApplicationMasterService} on an authenticated RPC
 * server, registers with the ResourceManager with that server's port (ember-submit reads host and
 * port from the application report), allocates executors when the driver asks, and unregisters with
 * the driver's outcome, or FAILED when the driver disappears (so no container outlives it). Runs on
 * the AM's main thread, which it blocks until the end.
 */
final class ClientModeApplicationMaster {
  private static final Logger LOG = LoggerFactory.getLogger(ClientModeApplicationMaster.class);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final ExecutorAllocator allocator;
  private final String host;
  private final RpcSecret secret;
  private final Duration driverTimeout;

  /**
   * @param allocator the AM's allocator, not registered yet
   * @param host the host of the AM's container, where the RPC server binds
   * @param secret the application's secret, which the driver presents
   * @param driverTimeout how long the driver may stay silent ({@link
   *     YarnOptions#AM_DRIVER_TIMEOUT})
   */
  ClientModeApplicationMaster(
      ExecutorAllocator allocator, String host, RpcSecret secret, Duration driverTimeout) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.host = requireNonNull(host, "host is null");
    this.secret = requireNonNull(secret, "secret is null");
    this.driverTimeout = requireNonNull(driverTimeout, "driverTimeout is null");
  }

  /**
   * Serves the driver until it finishes or is lost, then unregisters.
   *
   * @throws IOException if the RPC server cannot bind
   * @throws java.io.UncheckedIOException if the ResourceManager refuses registration or
   *     unregistration
   */
  void run() throws IOException, InterruptedException {
    DriverLiveness liveness = new DriverLiveness(driverTimeout, System::nanoTime);
    ApplicationMasterRpcService service =
        new ApplicationMasterRpcService(ApplicationMasterRpcService.of(allocator), liveness);
    // Lost executor containers go to the driver's watch stream; when the allocator gave up (too
    // many executor failures) it has unregistered FAILED itself, and this AM ends.
    allocator.setListener(
        new AllocatorListener() {
          @Override
          public void executorLost(String executorId, String reason) {
            service.executorLost(executorId, reason);
          }

          @Override
          public void applicationFailed(String diagnostics) {
            liveness.finish(false, diagnostics);
          }
        });
    try (RpcServer server = RpcServer.start(host, 0, secret, List.of(service))) {
      allocator.register(host, server.port(), "");
      LOG.info("ApplicationMaster (client deploy mode) serving the driver on {}", server.address());
      DriverLiveness.Outcome outcome = liveness.await(CHECK_INTERVAL);
      LOG.info("Unregistering {} {}", outcome.status(), outcome.diagnostics());
      allocator.finishing();
      allocator.unregister(outcome.status(), outcome.diagnostics());
    }
  }
}
