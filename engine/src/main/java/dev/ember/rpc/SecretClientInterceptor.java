package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Attaches the application's {@link RpcSecret} to every outgoing call, for {@link
 * SecretServerInterceptor} to check. Installed on every channel made by {@link RpcChannels}.
 * Thread-safe.
 */
public final class SecretClientInterceptor implements ClientInterceptor {
  private final RpcSecret secret;

  public SecretClientInterceptor(RpcSecret secret) {
    this.secret = requireNonNull(secret, "secret is null");
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> responseListener, Metadata headers) {
        headers.put(SecretServerInterceptor.SECRET_HEADER, secret.bytes());
        super.start(responseListener, headers);
      }
    };
  }
}
