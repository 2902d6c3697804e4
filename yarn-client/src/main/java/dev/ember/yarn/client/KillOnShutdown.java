package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * A JVM shutdown hook that kills a submitted application if ember-submit is stopped (SIGTERM,
 * Ctrl-C) while it waits for the application or runs its driver, so that the application's
 * containers are released (Spark's client mode does the same by stopping its context). Installed
 * after submission; {@link #close} removes it once the application has ended or ember-submit stops
 * waiting. The hook runs on the JVM's shutdown thread.
 */
final class KillOnShutdown implements AutoCloseable {
  /** What the hook does: kills the application. */
  interface Killer {
    void kill() throws IOException, YarnException;
  }

  private final Killer killer;
  private final PrintStream err;
  private final String what;
  private final Thread hook;
  private volatile boolean disarmed;

  KillOnShutdown(Killer killer, String what, PrintStream err) {
    this.killer = requireNonNull(killer, "killer is null");
    this.what = requireNonNull(what, "what is null");
    this.err = requireNonNull(err, "err is null");
    this.hook = new Thread(this::onShutdown, "ember-submit-kill-on-shutdown");
  }

  /** Installs a hook that kills {@code appId} through {@code yarn}. */
  static KillOnShutdown install(YarnClient yarn, ApplicationId appId, PrintStream err) {
    KillOnShutdown k = new KillOnShutdown(() -> yarn.killApplication(appId), appId.toString(), err);
    Runtime.getRuntime().addShutdownHook(k.hook);
    return k;
  }

  /** The hook's body: kills the application unless {@link #close} was called first. */
  void onShutdown() {
    if (disarmed) {
      return;
    }
    err.println("ember-submit: stopped while " + what + " runs; killing it");
    try {
      killer.kill();
      err.println("ember-submit: killed " + what);
    } catch (IOException | YarnException | RuntimeException e) {
      err.println(
          "ember-submit: cannot kill "
              + what
              + " ("
              + e.getMessage()
              + "); kill it with ember-submit --kill "
              + what);
    }
  }

  /** Disarms and removes the hook (a no-op once the JVM is shutting down). */
  @Override
  public void close() {
    disarmed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs, but disarmed.
    }
  }
}
