package dev.ember.scheduler;

/**
 * How close a task ran to its data, best first (Spark's locality levels). The task scheduler waits
 * up to a configured time at each level for a matching free slot before it accepts the next level
 * (delay scheduling).
 */
public enum TaskLocality {
  /** On the executor that caches the partition. */
  PROCESS_LOCAL,
  /** On a host that holds the data (e.g. an HDFS block replica). */
  NODE_LOCAL,
  /** The task has no preference. */
  NO_PREF,
  /** On a host in the same rack as the data. */
  RACK_LOCAL,
  /** Anywhere. */
  ANY;

  /** Whether a task launched at this level is allowed when the scheduler allows {@code max}. */
  public boolean isAllowedBy(TaskLocality max) {
    return compareTo(max) <= 0;
  }
}
