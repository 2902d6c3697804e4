package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.ExecutorAddressRequest;
import dev.ember.rpc.proto.RegisterExecutorRequest;
import dev.ember.rpc.proto.RegisterExecutorResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
   * Runs {@link #warmUp} on a new daemon thread ({@code ember-rpc-warmup}) with a 30 s deadline,
   * logging at debug when it is done.
   *
   * @return the started thread
   */
  public static Thread startInBackground(String address, RpcSecret secret) {
    Thread thread =
        new Thread(
            () -> {
              long start = System.nanoTime();
              boolean answered = warmUp(address, secret, Duration.ofSeconds(30));
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
