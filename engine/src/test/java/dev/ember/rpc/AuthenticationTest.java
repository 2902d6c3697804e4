package dev.ember.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.execution.DriverEndpoint;
import dev.ember.rpc.proto.BroadcastBytesRequest;
import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.RegisterExecutorRequest;
import dev.ember.scheduler.MapStatus;
import dev.ember.storage.BlockId;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call must carry the application's secret; without it nothing runs. */
class AuthenticationTest {
  private final RpcSecret secret = RpcSecret.generate();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private RpcServer server;

  @BeforeEach
  void startServer() throws Exception {
    server =
        RpcServer.start(
            "127.0.0.1", 0, secret, List.of(new DriverRpcService(new Endpoint(), new Registry())));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void callWithTheSecretIsAnswered() {
    ManagedChannel channel = RpcChannels.open(server.address(), secret);
    try {
      byte[] value =
          new GrpcDriverEndpoint(channel, java.time.Duration.ofSeconds(10)).broadcastBytes(7);
      assertThat(value).containsExactly(7);
      assertThat(handled).containsExactly("broadcastBytes");
    } finally {
      RpcChannels.close(channel);
    }
  }

  @Test
  void warmUpCallIsAnsweredAndOnlyLooksUpAnAddress() {
    assertThat(RpcWarmup.warmUp(server.address(), secret, java.time.Duration.ofSeconds(10)))
        .isTrue();
    assertThat(handled).containsExactly("serverAddress");
  }

  @Test
  void warmUpOnItsOwnServerIsAnsweredWithoutTouchingTheDriversServer() {
    assertThat(RpcWarmup.warmUpOnOwnServer(java.time.Duration.ofSeconds(10))).isTrue();
    assertThat(handled).isEmpty();
  }

  @Test
  void warmUpWithAnotherApplicationsSecretReportsFailureAndRunsNoHandler() {
    assertThat(
            RpcWarmup.warmUp(
                server.address(), RpcSecret.generate(), java.time.Duration.ofSeconds(10)))
        .isFalse();
    assertThat(handled).isEmpty();
  }

  @Test
  void callWithoutASecretIsRejectedBeforeAnyHandlerRuns() {
    ManagedChannel channel = NettyChannelBuilder.forTarget(server.address()).usePlaintext().build();
    try {
      assertRejected(channel);
    } finally {
      RpcChannels.close(channel);
    }
  }

  @Test
  void callWithAnotherApplicationsSecretIsRejectedBeforeAnyHandlerRuns() {
    ManagedChannel channel = RpcChannels.open(server.address(), RpcSecret.generate());
    try {
      assertRejected(channel);
    } finally {
      RpcChannels.close(channel);
    }
  }

  private void assertRejected(ManagedChannel channel) {
    DriverServiceGrpc.DriverServiceBlockingStub stub = DriverServiceGrpc.newBlockingStub(channel);
    assertThatThrownBy(
            () ->
                stub.registerExecutor(
                    RegisterExecutorRequest.newBuilder()
                        .setExecutorId("intruder")
                        .setHost("h")
                        .setCores(1)
                        .setServerAddress("h:1")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("requires its RPC secret");
            });
    assertThatThrownBy(
            () -> stub.broadcastBytes(BroadcastBytesRequest.newBuilder().setBroadcastId(1).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThat(handled).isEmpty();
  }

  private final class Endpoint implements DriverEndpoint {
    @Override
    public Optional<List<MapStatus>> mapOutputs(int shuffleId) {
      handled.add("mapOutputs");
      return Optional.empty();
    }

    @Override
    public byte[] broadcastBytes(long broadcastId) {
      handled.add("broadcastBytes");
      return new byte[] {(byte) broadcastId};
    }

    @Override
    public boolean canCommit(int stageId, int stageAttempt, int partition, int attemptNumber) {
      handled.add("canCommit");
      return true;
    }

    @Override
    public void blockUpdated(BlockId blockId, String executorId, String host, boolean stored) {
      handled.add("blockUpdated");
    }
  }

  private final class Registry implements ExecutorRegistry {
    @Override
    public Map<String, String> registerExecutor(
        String executorId, String host, int cores, String serverAddress) {
      handled.add("registerExecutor");
      return Map.of();
    }

    @Override
    public void heartbeat(String executorId) {
      handled.add("heartbeat");
    }

    @Override
    public void executorDisconnected(String executorId, String reason) {
      handled.add("executorDisconnected");
    }

    @Override
    public void statusUpdate(String executorId, long taskAttemptId, byte[] encodedOutcome) {
      handled.add("statusUpdate");
    }

    @Override
    public Optional<String> serverAddress(String executorId) {
      handled.add("serverAddress");
      return Optional.empty();
    }

    @Override
    public String appId() {
      return "app";
    }
  }
}
