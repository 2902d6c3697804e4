package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The speculative-execution bookkeeping of one {@link TaskSetManager} (Spark's {@code
 * TaskSetManager.checkSpeculatableTasks} and {@code dequeueSpeculativeTask}, in a class of its
 * own): when each running attempt started and where, how long the successful tasks took, and which
 * tasks wait for a speculative copy. Not thread-safe: used under the {@link TaskScheduler}'s lock.
 *
 * <p><b>The rule</b> (Spark's): once at least {@code max(floor(quantile * tasks), 1)} tasks of the
 * set have succeeded, a task whose only running attempt has run longer than {@code max(multiplier *
 * median successful run time, minTaskRuntime)} becomes speculatable. A speculatable task gets one
 * copy, on an executor that runs no attempt of it, preferably on another host (on a single-host
 * cluster, e.g. a MiniYARNCluster, copies go to another executor on the same host). Run times are
 * measured on the driver, from launch to the outcome's arrival, with the scheduler's clock.
 *
 * <p>Indexes are the task set's task indexes (positions in {@link TaskSet#partitions()}).
 */
final class SpeculationTracker {
  /**
   * When to speculate.
   *
   * @param enabled {@code ember.speculation}; when false the tracker never speculates
   * @param multiplier {@code ember.speculation.multiplier}, at least 1
   * @param quantile {@code ember.speculation.quantile}, in (0, 1]
   * @param minTaskRuntimeMillis {@code ember.speculation.minTaskRuntime}, milliseconds
   */
  record Policy(boolean enabled, double multiplier, double quantile, long minTaskRuntimeMillis) {
    /** Never speculates. */
    static final Policy DISABLED = new Policy(false, 1.5, 0.75, 100);

    /** The policy the {@code ember.speculation*} options describe. */
    static Policy from(EmberConf conf) {
      return new Policy(
          conf.get(CoreOptions.SPECULATION),
          conf.get(CoreOptions.SPECULATION_MULTIPLIER),
          conf.get(CoreOptions.SPECULATION_QUANTILE),
          conf.get(CoreOptions.SPECULATION_MIN_TASK_RUNTIME).toMillis());
    }
  }

  /** A running attempt: its task index, where it runs, when it started (clock millis). */
  private record Attempt(
      int index, String executorId, String host, long startMillis, boolean speculative) {}

  private final Policy policy;
  private final int tasks;
  private final IntPredicate succeeded;
  private final Map<Long, Attempt> running = new HashMap<>();
  private final List<Long> successfulRunTimes = new ArrayList<>();
  private final Set<Integer> speculatable = new LinkedHashSet<>();

  /**
   * @param tasks the number of tasks in the set
   * @param succeeded whether the task at an index has succeeded (the manager's own record)
   */
  SpeculationTracker(Policy policy, int tasks, IntPredicate succeeded) {
    this.policy = requireNonNull(policy, "policy is null");
    this.tasks = tasks;
    this.succeeded = requireNonNull(succeeded, "succeeded is null");
  }

  /** Records a launched attempt. */
  void launched(
      long taskAttemptId,
      int index,
      String executorId,
      String host,
      long nowMillis,
      boolean speculative) {
    running.put(taskAttemptId, new Attempt(index, executorId, host, nowMillis, speculative));
  }

  /**
   * Records that an attempt ended; call before the manager records the outcome, so that only the
   * first success of a task contributes its run time to the median.
   */
  void ended(long taskAttemptId, boolean success, long nowMillis) {
    Attempt a = running.remove(taskAttemptId);
    if (a == null) {
      return;
    }
    if (success && !succeeded.test(a.index())) {
      successfulRunTimes.add(nowMillis - a.startMillis());
      speculatable.remove(a.index());
    }
  }

  /** Whether the attempt was launched as a speculative copy. */
  boolean isSpeculative(long taskAttemptId) {
    Attempt a = running.get(taskAttemptId);
    return a != null && a.speculative();
  }

  /**
   * Marks the tasks that run too long as speculatable (see the class doc).
   *
   * @return the indexes newly marked, in no particular order (empty if none or disabled)
   */
  List<Integer> check(long nowMillis) {
    if (!policy.enabled() || running.isEmpty()) {
      return List.of();
    }
    int minFinished = Math.max((int) Math.floor(policy.quantile() * tasks), 1);
    if (successfulRunTimes.size() < minFinished) {
      return List.of();
    }
    double threshold =
        Math.max(policy.multiplier() * median(successfulRunTimes), policy.minTaskRuntimeMillis());
    Map<Integer, Integer> copies = copiesRunning();
    List<Integer> marked = new ArrayList<>();
    for (Attempt a : running.values()) {
      int index = a.index();
      if (!succeeded.test(index)
          && copies.get(index) == 1
          && !speculatable.contains(index)
          && nowMillis - a.startMillis() > threshold) {
        speculatable.add(index);
        marked.add(index);
      }
    }
    return marked;
  }

  /**
   * Takes a speculatable task for a free slot on {@code executorId}: one with no attempt running on
   * that executor, preferably none on its host. Drops tasks that no longer need a copy.
   */
  Optional<Integer> pollSpeculative(String executorId, String host, IntPredicate mayRunThere) {
    if (speculatable.isEmpty()) {
      // The common case, asked for every slot an offer round leaves free: no O(running) work.
      return Optional.empty();
    }
    Map<Integer, Integer> copies = copiesRunning();
    Optional<Integer> sameHost = Optional.empty();
    for (Iterator<Integer> it = speculatable.iterator(); it.hasNext(); ) {
      int index = it.next();
      if (succeeded.test(index) || copies.getOrDefault(index, 0) != 1) {
        it.remove(); // Finished, or its attempt ended and it is pending again like any task.
        continue;
      }
      Attempt original = runningAttemptOf(index);
      if (original.executorId().equals(executorId) || !mayRunThere.test(index)) {
        continue;
      }
      if (!original.host().equals(host)) {
        it.remove();
        return Optional.of(index);
      }
      if (sameHost.isEmpty()) {
        sameHost = Optional.of(index);
      }
    }
    sameHost.ifPresent(speculatable::remove);
    return sameHost;
  }

  private Attempt runningAttemptOf(int index) {
    return running.values().stream().filter(a -> a.index() == index).findFirst().orElseThrow();
  }

  private Map<Integer, Integer> copiesRunning() {
    Map<Integer, Integer> copies = new HashMap<>();
    for (Attempt a : running.values()) {
      copies.merge(a.index(), 1, Integer::sum);
    }
    return copies;
  }

  /** The median; the mean of the two middle values for an even count (as Spark's MedianHeap). */
  static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
