package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Job listeners that every {@code EmberSession} created in this JVM adds to its own, for a launcher
 * that runs a user's {@code main} in-process and cannot reach the session it builds: ember-submit
 * registers its {@code --events} stream here before it calls the main of a client-deploy-mode
 * driver (Spark's launcher does the same through {@code spark.extraListeners}). A session takes the
 * listeners registered when it is built. Thread-safe.
 */
public final class DriverListeners {
  private static final List<JobListener> REGISTERED = new CopyOnWriteArrayList<>();

  private DriverListeners() {}

  /**
   * Registers {@code listener} for the sessions built from now on until the returned handle is
   * closed.
   */
  public static Registration register(JobListener listener) {
    REGISTERED.add(requireNonNull(listener, "listener is null"));
    return () -> REGISTERED.remove(listener);
  }

  /** Unregisters its listener when closed (idempotent). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** The listeners registered now, in registration order. */
  public static List<JobListener> registered() {
    return List.copyOf(REGISTERED);
  }
}
