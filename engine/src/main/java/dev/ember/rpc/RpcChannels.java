package dev.ember.rpc;

import com.google.common.net.HostAndPort;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * Opens client channels to Ember RPC servers: plaintext gRPC over gRPC's relocated Netty, every
 * call carrying the application's secret, messages up to {@link RpcServer#MAX_MESSAGE_BYTES}.
 * Channels are thread-safe and meant to be shared; close them with {@link #close}.
 */
public final class RpcChannels {
  private RpcChannels() {}

  /**
   * A channel to {@code address} ({@code host:port}). Connects lazily, on the first call.
   *
   * @throws IllegalArgumentException if {@code address} is not host:port
   */
  public static ManagedChannel open(String address, RpcSecret secret) {
    HostAndPort hostAndPort;
    try {
      hostAndPort = HostAndPort.fromString(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot parse RPC address \"" + address + "\"; use host:port", e);
    }
    if (!hostAndPort.hasPort()) {
      throw new IllegalArgumentException(
          "RPC address \"" + address + "\" has no port; use host:port");
    }
    return NettyChannelBuilder.forTarget(address)
        .usePlaintext()
        .maxInboundMessageSize(RpcServer.MAX_MESSAGE_BYTES)
        .intercept(new SecretClientInterceptor(secret))
        .build();
  }

  /** Shuts a channel down, waiting up to 5 s for calls in flight. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
