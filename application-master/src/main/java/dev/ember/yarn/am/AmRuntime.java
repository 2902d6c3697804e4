package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the ApplicationMaster process offers the driver it hosts: its allocator and the
 * application's RPC secret. {@link YarnClusterManager} is created by {@link
 * java.util.ServiceLoader} inside the user's {@code EmberSession}, so it cannot be handed these
 * through a constructor; the AM installs them here, once, before it calls the user's main.
 * Thread-safe.
 */
final class AmRuntime {
  private static final AtomicReference<AmRuntime> CURRENT = new AtomicReference<>();

  private final ExecutorAllocator allocator;
  private final byte[] secret;
  private final String host;
  private final int executors;
  private final int coresPerExecutor;

  AmRuntime(
      ExecutorAllocator allocator,
      byte[] secret,
      String host,
      int executors,
      int coresPerExecutor) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.secret = secret.clone();
    this.host = requireNonNull(host, "host is null");
    this.executors = executors;
    this.coresPerExecutor = coresPerExecutor;
  }

  /**
   * Makes {@code runtime} the process's runtime.
   *
   * @throws IllegalStateException if one was installed before
   */
  static void install(AmRuntime runtime) {
    if (!CURRENT.compareAndSet(null, requireNonNull(runtime, "runtime is null"))) {
      throw new IllegalStateException("an ApplicationMaster runtime is already installed");
    }
  }

  /** The installed runtime, empty outside an ApplicationMaster. */
  static Optional<AmRuntime> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  ExecutorAllocator allocator() {
    return allocator;
  }

  byte[] secret() {
    return secret.clone();
  }

  /** The host of the AM's container, where the driver's RPC server binds. */
  String host() {
    return host;
  }

  int executors() {
    return executors;
  }

  int coresPerExecutor() {
    return coresPerExecutor;
  }
}
