package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.rpc.RpcSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client-mode ApplicationMaster against fake YARN clients: it registers with its RPC port,
 * allocates for the remote driver and unregisters with the driver's outcome, or FAILED when the
 * driver disappears, so that YARN releases the application's containers.
 */
class ClientModeApplicationMasterTest {
  private final FakeYarnClients clients = new FakeYarnClients();
  private final RpcSecret secret = RpcSecret.generate();
  private final ExecutorContainerStarter.Spec spec =
      new ExecutorContainerStarter.Spec(
          Map.of(),
          Map.of("CLASSPATH", "x"),
          ByteBuffer.wrap(new byte[] {1}),
          new ContainerSize(1024, 384),
          1,
          1L << 29);

  @Test
  void unregistersWithTheDriversOutcome() throws Exception {
    try (ExecutorAllocator allocator = allocator()) {
      CompletableFuture<Void> am = start(allocator, Duration.ofMinutes(5));
      try (ApplicationMasterClient driver = connect()) {
        driver.requestExecutors(2, "driver-host:4040");
        assertThat(clients.requests).hasSize(2);
        driver.finish(true, "");
      }
      am.get(30, TimeUnit.SECONDS);
    }
    assertThat(clients.unregistered).containsExactly("SUCCEEDED: ");
  }

  @Test
  void aDriverThatDisconnectsBeforeFinishingFailsTheApplication() throws Exception {
    try (ExecutorAllocator allocator = allocator()) {
      CompletableFuture<Void> am = start(allocator, Duration.ofMinutes(5));
      ApplicationMasterClient driver = connect();
      driver.requestExecutors(1, "driver-host:4040");
      driver.close();
      am.get(30, TimeUnit.SECONDS);
    }
    assertThat(clients.unregistered)
        .singleElement()
        .asString()
        .startsWith("FAILED: ")
        .contains("disconnected before its main ended");
  }

  @Test
  void aDriverThatNeverConnectsFailsTheApplicationAfterTheTimeout() throws Exception {
    try (ExecutorAllocator allocator = allocator()) {
      start(allocator, Duration.ofMillis(200)).get(30, TimeUnit.SECONDS);
    }
    assertThat(clients.unregistered)
        .singleElement()
        .asString()
        .startsWith("FAILED: ")
        .contains("no heartbeat from the driver");
  }

  private ExecutorAllocator allocator() {
    return new ExecutorAllocator(
        spec, new ExecutorContainerStarter(spec, clients), clients, Duration.ofSeconds(1));
  }

  private CompletableFuture<Void> start(ExecutorAllocator allocator, Duration driverTimeout) {
    ClientModeApplicationMaster am =
        new ClientModeApplicationMaster(allocator, "127.0.0.1", secret, driverTimeout);
    return CompletableFuture.runAsync(
        () -> {
          try {
            am.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /** Connects like ember-submit: to the port the AM registered with the ResourceManager. */
  private ApplicationMasterClient connect() throws InterruptedException {
    for (int i = 0; i < 300 && clients.registeredPorts.isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(clients.registeredPorts).as("the AM registered").hasSize(1);
    int port = clients.registeredPorts.get(0);
    assertThat(port).isPositive();
    return ApplicationMasterClient.connect("127.0.0.1:" + port, secret, Duration.ofMillis(100));
  }
}
