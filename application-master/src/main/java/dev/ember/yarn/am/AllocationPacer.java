package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often the ApplicationMaster heartbeats to the ResourceManager, which is how soon it receives
 * the containers it asked for (YARN hands them out only in heartbeat responses): every {@code
 * initial} right after new container requests, doubling on each heartbeat while requests are still
 * outstanding, up to {@code heartbeat}; every {@code heartbeat} when nothing is outstanding. This
 * is Spark's {@code spark.yarn.scheduler.initial-allocation.interval} scheme: executors arrive a
 * fraction of a second after the RM has them, while an application waiting on a full cluster soon
 * falls back to the normal rate and does not load the RM. Thread-safe.
 */
final class AllocationPacer {
  private final Duration heartbeat;
  private final Duration initial;
  private Duration next;

  /**
   * @param heartbeat the interval with nothing outstanding ({@code
   *     ember.yarn.am.heartbeatInterval})
   * @param initial the interval right after new requests ({@code
   *     ember.yarn.am.initialAllocationInterval}); capped at {@code heartbeat}
   * @throws IllegalArgumentException if an interval is not positive
   */
  AllocationPacer(Duration heartbeat, Duration initial) {
    requireNonNull(heartbeat, "heartbeat is null");
    requireNonNull(initial, "initial is null");
    if (heartbeat.isNegative() || heartbeat.isZero() || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException(
          "heartbeat intervals must be positive: " + heartbeat + ", " + initial);
    }
    this.heartbeat = heartbeat;
    this.initial = initial.compareTo(heartbeat) < 0 ? initial : heartbeat;
    this.next = heartbeat;
  }

  /** The interval after new container requests were added: {@code initial}. */
  synchronized Duration requested() {
    next = initial;
    return next;
  }

  /**
   * The interval until the heartbeat after the one about to be sent: twice the last one (at most
   * {@code heartbeat}) while requests are outstanding, else {@code heartbeat}. Called once per
   * heartbeat.
   *
   * @param outstanding whether container requests are still unanswered
   */
  synchronized Duration beat(boolean outstanding) {
    Duration current = next;
    if (!outstanding) {
      next = heartbeat;
      return heartbeat;
    }
    Duration doubled = current.multipliedBy(2);
    next = doubled.compareTo(heartbeat) < 0 ? doubled : heartbeat;
    return current;
  }
}
