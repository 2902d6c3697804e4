package dev.ember.scheduler;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the pending tasks of the active task sets would like to run: what the driver tells the
 * ApplicationMaster so that it can ask YARN for containers near the data (Spark's {@code
 * numLocalityAwareTasks} and {@code hostToLocalTaskCount}, plus racks). A snapshot; immutable.
 *
 * @param pendingTasks tasks waiting for a slot (not running, not finished), in non-zombie sets
 * @param localityAwareTasks those of them with at least one preferred host
 * @param tasksByHost per host, the number of pending tasks that prefer it (a task preferring three
 *     replica hosts counts once on each)
 * @param tasksByRack per rack, the number of pending tasks with a preferred host on it (a task
 *     counts once per distinct rack)
 * @param excludedHosts hosts excluded for the application because tasks kept failing there ({@code
 *     ember.excludeOnFailure.*}): the ApplicationMaster asks YARN for no containers there (Spark's
 *     {@code RequestExecutors.excludedNodes})
 */
public record LocalityDemand(
    int pendingTasks,
    int localityAwareTasks,
    Map<String, Integer> tasksByHost,
    Map<String, Integer> tasksByRack,
    Set<String> excludedHosts) {
  public LocalityDemand {
    if (pendingTasks < 0 || localityAwareTasks < 0 || localityAwareTasks > pendingTasks) {
      throw new IllegalArgumentException(
          "bad task counts: " + localityAwareTasks + " locality-aware of " + pendingTasks);
    }
    tasksByHost = java.util.Collections.unmodifiableMap(new TreeMap<>(tasksByHost));
    tasksByRack = java.util.Collections.unmodifiableMap(new TreeMap<>(tasksByRack));
    excludedHosts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(excludedHosts));
  }

  /** A demand without excluded hosts. */
  public LocalityDemand(
      int pendingTasks,
      int localityAwareTasks,
      Map<String, Integer> tasksByHost,
      Map<String, Integer> tasksByRack) {
    this(pendingTasks, localityAwareTasks, tasksByHost, tasksByRack, Set.of());
  }

  /** No pending tasks. */
  public static LocalityDemand none() {
    return new LocalityDemand(0, 0, Map.of(), Map.of());
  }
}
