package dev.ember.rpc;

import com.google.common.net.HostAndPort;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running Ember gRPC server (plaintext, over gRPC's relocated Netty) whose every service sits
 * behind {@link SecretServerInterceptor}. The driver runs one for {@code DriverService}; each
 * executor runs one for {@code ExecutorService} and {@code ShuffleService}. Handlers run on gRPC's
 * default executor. Thread-safe.
 */
public final class RpcServer implements AutoCloseable {
  /**
   * Largest message accepted (512 MiB): task binaries embed parallelized collections and status
   * updates carry collected results.
   */
  public static final int MAX_MESSAGE_BYTES = 512 << 20;

  private final Server server;
  private final String host;

  private RpcServer(Server server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts a server on {@code host}:{@code port} (0 picks a free port) serving {@code services}.
   *
   * @param host the host name or address to bind to and advertise
   * @throws IOException if the port cannot be bound
   */
  public static RpcServer start(
      String host, int port, RpcSecret secret, List<BindableService> services) throws IOException {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES);
    SecretServerInterceptor auth = new SecretServerInterceptor(secret);
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, auth));
    }
    try {
      return new RpcServer(builder.build().start(), host);
    } catch (IOException e) {
      throw new IOException(
          "cannot start the RPC server on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** {@code host:port} for clients. */
  public String address() {
    return HostAndPort.fromParts(host, port()).toString();
  }

  /** Stops accepting calls and waits up to 5 s for calls in flight. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
