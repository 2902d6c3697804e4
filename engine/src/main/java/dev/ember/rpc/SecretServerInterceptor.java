package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejects every call that does not carry the application's {@link RpcSecret} with {@code
 * UNAUTHENTICATED}, before the handler starts and before any request message is parsed, so that
 * nothing runs and no bytes are deserialized for an unauthenticated caller. Installed on every
 * Ember gRPC server by {@link RpcServer}. Called on gRPC's transport threads; thread-safe.
 */
public final class SecretServerInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(SecretServerInterceptor.class);

  /** The binary header that carries the secret. */
  static final Metadata.Key<byte[]> SECRET_HEADER =
      Metadata.Key.of("ember-secret-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private final RpcSecret secret;

  public SecretServerInterceptor(RpcSecret secret) {
    this.secret = requireNonNull(secret, "secret is null");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    byte[] presented = headers.get(SECRET_HEADER);
    if (presented == null || !secret.matches(presented)) {
      LOG.warn(
          "Rejected unauthenticated call to {} from {} ({} secret)",
          call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          presented == null ? "no" : "wrong");
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "this Ember application requires its RPC secret; the caller presented "
                  + (presented == null ? "none" : "a wrong one")
                  + " (is it an executor of another application?)"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
