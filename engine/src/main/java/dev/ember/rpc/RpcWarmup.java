package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.DriverEndpoint;
import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.ExecutorAddressRequest;
import dev.ember.rpc.proto.RegisterExecutorRequest;
import dev.ember.rpc.proto.RegisterExecutorResponse;
import dev.ember.scheduler.MapStatus;
import dev.ember.storage.BlockId;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms up the driver's RPC path while its executors are still starting: one harmless call ({@code
 * ExecutorAddress} of an empty id, which registers nothing) from a channel of this JVM to the
 * driver's own server. The first inbound call of a JVM loads and links a few thousand classes
 * (gRPC's server transport, Netty's HTTP/2 codec and HPACK, the protobuf descriptors of the
 * service, gRPC's client channel that the driver opens back to each executor); measured on YARN,
 * that made the answer to the first {@code RegisterExecutor} take 1.4–3 s on 2 busy cores. After
 * the warm-up it takes the time of a warm call.
 */
public final class RpcWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(RpcWarmup.class);

  /** Nothing to serve: the warm-up asks only for the address of executor "". */
  private static final DriverEndpoint NO_ENDPOINT =
      new DriverEndpoint() {
        @Override
        public Optional<List<MapStatus>> mapOutputs(int shuffleId) {
          return Optional.empty();
        }

        @Override
        public byte[] broadcastBytes(long broadcastId) {
          throw new IllegalStateException("the warm-up server has no broadcasts");
        }

        @Override
        public boolean canCommit(int stageId, int stageAttempt, int partition, int attemptNumber) {
          return false;
        }

        @Override
        public void blockUpdated(BlockId blockId, String executorId, String host, boolean stored) {}
      };

  private static final ExecutorRegistry NO_EXECUTORS =
      new ExecutorRegistry() {
        @Override
        public Map<String, String> registerExecutor(
            String executorId, String host, int cores, String serverAddress) {
          throw new IllegalStateException("the warm-up server accepts no executors");
        }

        @Override
        public void heartbeat(String executorId) {}

        @Override
        public void executorDisconnected(String executorId, String reason) {}

        @Override
        public void statusUpdate(String executorId, long taskAttemptId, byte[] encodedOutcome) {}

        @Override
        public Optional<String> serverAddress(String executorId) {
          return Optional.empty();
        }

        @Override
        public String appId() {
          return "rpc-warmup";
        }
      };

  private RpcWarmup() {}

  /**
   * Makes the warm-up call on the calling thread and closes its channel.
   *
   * @param address the driver's RPC address ({@code host:port})
   * @param timeout deadline of the call
   * @return whether the call was answered; a failure (logged at debug) only means no warm-up
   */
  public static boolean warmUp(String address, RpcSecret secret, Duration timeout) {
    requireNonNull(address, "address is null");
    requireNonNull(secret, "secret is null");
    // The registration's own messages, so that their classes are initialized too.
    var unused = RegisterExecutorRequest.getDefaultInstance().toBuilder().setCores(1).build();
    var unusedResponse = RegisterExecutorResponse.newBuilder().putConf("k", "v").build();
    ManagedChannel channel = RpcChannels.open(address, secret);
    try {
      var unusedAddress =
          DriverServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .executorAddress(ExecutorAddressRequest.newBuilder().setExecutorId("").build());
      return true;
    } catch (StatusRuntimeException e) {
      LOG.debug("RPC warm-up call to {} failed: {}", address, e.getStatus());
      return false;
    } finally {
      RpcChannels.close(channel);
    }
  }

  /**
   * {@link #warmUp} against a short-lived server of this JVM on the loopback address (a driver
   * service that knows no executors), for a process that will serve and call gRPC later but has
   * nothing listening yet: the ApplicationMaster runs it while it registers with YARN, so that the
   * driver's server, its own executor and the first registrations find those classes loaded.
   *
   * @return whether the call was answered; failures (logged at debug) only mean no warm-up
   */
  public static boolean warmUpOnOwnServer(Duration timeout) {
    RpcSecret secret = RpcSecret.generate();
    try (RpcServer server =
        RpcServer.start(
            "127.0.0.1", 0, secret, List.of(new DriverRpcService(NO_ENDPOINT, NO_EXECUTORS)))) {
      return warmUp(server.address(), secret, timeout);
    } catch (IOException | RuntimeException e) {
      LOG.debug("RPC warm-up on an own server failed: {}", e.toString());
      return false;
    }
  }

  /** Runs {@link #warmUpOnOwnServer} on a new daemon thread; returns the started thread. */
  public static Thread startOnOwnServerInBackground() {
    return startThread(() -> warmUpOnOwnServer(Duration.ofSeconds(30)));
  }

  /**
   * Runs {@link #warmUp} on a new daemon thread ({@code ember-rpc-warmup}) with a 30 s deadline,
   * logging at debug when it is done.
   *
   * @return the started thread
   */
  public static Thread startInBackground(String address, RpcSecret secret) {
    return startThread(() -> warmUp(address, secret, Duration.ofSeconds(30)));
  }

  private static Thread startThread(BooleanSupplier warmUp) {
    Thread thread =
        new Thread(
            () -> {
              long start = System.nanoTime();
              boolean answered = warmUp.getAsBoolean();
              LOG.debug(
                  "RPC warm-up {} in {} ms",
                  answered ? "done" : "failed",
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            },
            "ember-rpc-warmup");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
