package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/**
 * How the ApplicationMaster in client deploy mode decides that its remote driver is done: the first
 * of a {@link #finish} call from the driver (its main ended), the end of the driver's watch stream
 * ({@link #disconnected}) or {@code timeout} without a heartbeat ({@link #check}) decides the
 * application's {@link Outcome}; later events are ignored. Until the driver's first heartbeat, the
 * timeout runs from construction. Thread-safe: gRPC handler threads and a timer call it, the AM's
 * main thread waits in {@link #await}.
 */
final class DriverLiveness {
  /**
   * How the application ends.
   *
   * @param status the final status to unregister with
   * @param diagnostics the diagnostics for the ResourceManager (empty on success)
   */
  record Outcome(FinalApplicationStatus status, String diagnostics) {
    Outcome {
      requireNonNull(status, "status is null");
      requireNonNull(diagnostics, "diagnostics is null");
    }
  }

  private final Duration timeout;
  private final LongSupplier nanoClock;

  private long lastHeartbeatNanos;
  private Optional<Outcome> outcome = Optional.empty();

  /**
   * @param timeout how long the driver may stay silent
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  DriverLiveness(Duration timeout, LongSupplier nanoClock) {
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    this.lastHeartbeatNanos = nanoClock.getAsLong();
  }

  /** The driver is alive. */
  synchronized void heartbeat() {
    lastHeartbeatNanos = nanoClock.getAsLong();
  }

  /** The driver's main ended: SUCCEEDED, or FAILED with what it threw. */
  synchronized void finish(boolean succeeded, String diagnostics) {
    decide(
        new Outcome(
            succeeded ? FinalApplicationStatus.SUCCEEDED : FinalApplicationStatus.FAILED,
            succeeded ? "" : diagnostics));
  }

  /** The driver's watch stream ended before it called finish. */
  synchronized void disconnected(String reason) {
    decide(
        new Outcome(
            FinalApplicationStatus.FAILED,
            "the driver (in ember-submit, client deploy mode) disconnected before its main ended: "
                + reason
                + "; the ember-submit process was probably stopped or lost its network"));
  }

  /** Declares the driver lost if it has been silent for longer than the timeout. */
  synchronized void check() {
    if (outcome.isEmpty() && nanoClock.getAsLong() - lastHeartbeatNanos > timeout.toNanos()) {
      decide(
          new Outcome(
              FinalApplicationStatus.FAILED,
              "no heartbeat from the driver (in ember-submit, client deploy mode) for "
                  + timeout
                  + " ("
                  + YarnOptions.AM_DRIVER_TIMEOUT.key()
                  + "); its host or process was probably lost"));
    }
  }

  /** The outcome, once decided. */
  synchronized Optional<Outcome> outcome() {
    return outcome;
  }

  /** Blocks until the outcome is decided; {@code poll} is how often {@link #check} runs. */
  synchronized Outcome await(Duration poll) throws InterruptedException {
    while (outcome.isEmpty()) {
      TimeUnit.NANOSECONDS.timedWait(this, poll.toNanos());
      check();
    }
    return outcome.get();
  }

  private void decide(Outcome decided) {
    if (outcome.isEmpty()) {
      outcome = Optional.of(decided);
      notifyAll();
    }
  }
}
