package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
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
  private final Optional<DriverExecutor> driverExecutor;

  /**
   * The executor the AM runs in its own JVM while the executor containers start ({@code
   * ember.yarn.driverExecutor.enabled}).
   *
   * @param cores task slots
   * @param memoryBudgetBytes its execution and storage memory, taken from the AM's heap
   * @param localDirs the AM container's local directories, for its shuffle files and spills
   */
  record DriverExecutor(int cores, long memoryBudgetBytes, List<Path> localDirs) {
    DriverExecutor {
      localDirs = List.copyOf(localDirs);
    }
  }

  AmRuntime(
      ExecutorAllocator allocator,
      byte[] secret,
      String host,
      int executors,
      int coresPerExecutor) {
    this(allocator, secret, host, executors, coresPerExecutor, Optional.empty());
  }

  AmRuntime(
      ExecutorAllocator allocator,
      byte[] secret,
      String host,
      int executors,
      int coresPerExecutor,
      Optional<DriverExecutor> driverExecutor) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.secret = secret.clone();
    this.host = requireNonNull(host, "host is null");
    this.executors = executors;
    this.coresPerExecutor = coresPerExecutor;
    this.driverExecutor = requireNonNull(driverExecutor, "driverExecutor is null");
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

  /**
   * The executor to run in the AM's JVM, empty if {@code ember.yarn.driverExecutor.enabled} is off.
   */
  Optional<DriverExecutor> driverExecutor() {
    return driverExecutor;
  }
}
