package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What ember-submit offers the driver it runs in client deploy mode: the connection to the
 * application's ApplicationMaster, the RPC secret and the executor count and size. {@link
 * YarnClusterManager} is created by {@link java.util.ServiceLoader} inside the user's {@code
 * EmberSession}, so ember-submit installs this here while the user's main runs (the client-mode
 * counterpart of {@link AmRuntime}). The secret stays in memory: never in a system property, the
 * environment or a log line. Thread-safe.
 */
public final class ClientModeRuntime {
  private static final AtomicReference<ClientModeRuntime> CURRENT = new AtomicReference<>();

  private final ApplicationMasterClient applicationMaster;
  private final byte[] secret;
  private final int executors;
  private final int coresPerExecutor;

  /**
   * @param applicationMaster the connection to the AM, open
   * @param secret the application's RPC secret (copied)
   * @param executors how many executors a session asks for ({@code ember.executor.instances})
   * @param coresPerExecutor task slots per executor ({@code ember.executor.cores})
   */
  public ClientModeRuntime(
      ApplicationMasterClient applicationMaster,
      byte[] secret,
      int executors,
      int coresPerExecutor) {
    this.applicationMaster = requireNonNull(applicationMaster, "applicationMaster is null");
    this.secret = secret.clone();
    this.executors = executors;
    this.coresPerExecutor = coresPerExecutor;
  }

  /**
   * Makes {@code runtime} this process's runtime until {@link #uninstall}.
   *
   * @throws IllegalStateException if another one is installed (one client-mode application per JVM
   *     at a time)
   */
  public static void install(ClientModeRuntime runtime) {
    if (!CURRENT.compareAndSet(null, requireNonNull(runtime, "runtime is null"))) {
      throw new IllegalStateException(
          "a client deploy mode application already runs in this JVM; run one at a time");
    }
  }

  /** Removes {@code runtime} if it is the installed one. */
  public static void uninstall(ClientModeRuntime runtime) {
    CURRENT.compareAndSet(runtime, null);
  }

  /** The installed runtime, empty outside ember-submit's client deploy mode. */
  static Optional<ClientModeRuntime> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  ApplicationMasterClient applicationMaster() {
    return applicationMaster;
  }

  byte[] secret() {
    return secret.clone();
  }

  int executors() {
    return executors;
  }

  int coresPerExecutor() {
    return coresPerExecutor;
  }
}
