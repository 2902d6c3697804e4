package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcServer;
import dev.ember.scheduler.LocalityDemand;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client-mode ApplicationMaster's RPC service, driven by {@link ApplicationMasterClient}. */
class ApplicationMasterServiceTest {
  private final RpcSecret secret = RpcSecret.generate();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final DriverLiveness liveness =
      new DriverLiveness(Duration.ofMinutes(10), System::nanoTime);
  private final List<ExecutorDemand> demands = new CopyOnWriteArrayList<>();
  private final ApplicationMasterRpcService service =
      new ApplicationMasterRpcService(
          new ApplicationMasterRpcService.ExecutorRequests() {
            @Override
            public void request(int count, String driverAddress) {
              requested.add(count + "@" + driverAddress);
            }

            @Override
            public void updateDemand(ExecutorDemand demand) {
              demands.add(demand);
            }
          },
          liveness);
  private RpcServer server;

  @BeforeEach
  void start() throws Exception {
    server = RpcServer.start("127.0.0.1", 0, secret, List.of(service));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theDriverRequestsExecutorsAndFinishes() throws Exception {
    try (ApplicationMasterClient am = connect(secret)) {
      am.requestExecutors(2, "driver-host:4040");
      am.finish(false, "User class Job threw java.lang.IllegalStateException: boom");
    }

    assertThat(requested).containsExactly("2@driver-host:4040");
    assertThat(liveness.await(Duration.ofMillis(10)))
        .isEqualTo(
            new DriverLiveness.Outcome(
                FinalApplicationStatus.FAILED,
                "User class Job threw java.lang.IllegalStateException: boom"));
  }

  @Test
  void theDriversLocalityDemandReachesTheAllocatorUnchanged() throws Exception {
    ExecutorDemand demand =
        new ExecutorDemand(
            18,
            new LocalityDemand(
                35,
                30,
                Map.of("h1", 30, "h2", 30, "h3", 20, "h4", 10),
                Map.of("/rack0", 30, "/rack1", 10),
                java.util.Set.of("h5", "h6")));
    try (ApplicationMasterClient am = connect(secret)) {
      am.requestExecutors(18, "driver-host:4040");
      am.updateDemand(demand);
      am.finish(true, "");
    }

    assertThat(demands).containsExactly(demand);
  }

  @Test
  void closingWithoutFinishIsTheDriversLoss() throws Exception {
    ApplicationMasterClient am = connect(secret);
    am.requestExecutors(1, "driver-host:4040");
    am.close();

    DriverLiveness.Outcome outcome = liveness.await(Duration.ofMillis(10));
    assertThat(outcome.status()).isEqualTo(FinalApplicationStatus.FAILED);
    assertThat(outcome.diagnostics()).contains("disconnected before its main ended");
  }

  @Test
  void executorLossReachesTheDriver() throws Exception {
    CompletableFuture<String> lost = new CompletableFuture<>();
    try (ApplicationMasterClient am = connect(secret)) {
      am.onExecutorLost((id, reason) -> lost.complete(id + ": " + reason));
      am.requestExecutors(1, "driver-host:4040");
      awaitWatchers();
      service.executorLost("3", "container exited with 137");

      assertThat(lost.get(30, TimeUnit.SECONDS)).isEqualTo("3: container exited with 137");
      am.finish(true, "");
    }
  }

  @Test
  void aWrongSecretIsRejectedAndNothingRuns() throws Exception {
    try (ApplicationMasterClient am = connect(RpcSecret.generate())) {
      assertThatThrownBy(() -> am.requestExecutors(5, "attacker:1"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThatThrownBy(() -> am.finish(true, ""))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThat(am.lost().get(30, TimeUnit.SECONDS)).contains("UNAUTHENTICATED");
    }

    assertThat(requested).isEmpty();
    assertThat(liveness.outcome()).as("a rejected caller cannot end the application").isEmpty();
  }

  private ApplicationMasterClient connect(RpcSecret presented) {
    return ApplicationMasterClient.connect(server.address(), presented, Duration.ofMillis(100));
  }

  /** Waits until the server side of the client's watch stream exists. */
  private void awaitWatchers() throws InterruptedException {
    // The first heartbeat opens the stream on the server; a bounded wait for it, not a timing.
    for (int i = 0; i < 300 && liveness.outcome().isEmpty() && !service.hasWatchers(); i++) {
      Thread.sleep(100);
    }
    assertThat(service.hasWatchers()).isTrue();
  }
}
