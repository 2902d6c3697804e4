package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application-wide exclusion on failure (Spark's {@code HealthTracker}, formerly {@code
 * BlacklistTracker}): executors on which tasks keep failing, and hosts with several such executors,
 * get no tasks of any stage for {@code ember.excludeOnFailure.timeout}; then they are usable again.
 * Also hands out the per-task-set {@link TaskSetExclusion}s.
 *
 * <p>What counts: as in Spark, only the failures of task sets that then <em>succeeded</em> (a task
 * set that fails as a whole more likely has a bug than a bad executor), one per distinct task that
 * failed on the executor in that task set, and only within the last {@code timeout}. When an
 * executor's count reaches {@code application.maxFailedTasksPerExecutor} it is excluded until now +
 * {@code timeout}; when {@code application.maxFailedExecutorsPerNode} executors of one host are
 * excluded, so is the host (every executor on it, present and future), and the ApplicationMaster is
 * told to ask YARN for no containers there ({@link LocalityDemand#excludedHosts}). Expiry is
 * applied lazily, on every query, with the injected clock.
 *
 * <p>A disabled tracker ({@code ember.excludeOnFailure.enabled=false}) excludes nothing. Not
 * thread-safe: the {@link TaskScheduler} calls it under its lock.
 */
final class ExecutorHealthTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorHealthTracker.class);

  private final Optional<ExclusionLimits> limits;
  private final LongSupplier clock;
  private final Map<String, ExecutorHealth> executors = new HashMap<>();
  private final Map<String, Long> excludedHostsUntil = new HashMap<>();

  /** One executor's recent failures and whether (until when) it is excluded. */
  private static final class ExecutorHealth {
    final String host;
    final List<Long> failureTimes = new ArrayList<>();
    Optional<Long> excludedUntil = Optional.empty();
    int failuresWhenExcluded;

    ExecutorHealth(String host) {
      this.host = host;
    }
  }

  /**
   * @param limits the limits, or empty to exclude nothing
   * @param clock milliseconds since the epoch (a fake clock in tests)
   */
  ExecutorHealthTracker(Optional<ExclusionLimits> limits, LongSupplier clock) {
    this.limits = requireNonNull(limits, "limits is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Whether exclusion on failure is enabled. */
  boolean enabled() {
    return limits.isPresent();
  }

  /** The exclusion state of a new task set (disabled if this tracker is). */
  TaskSetExclusion newTaskSet(TaskSet taskSet) {
    return new TaskSetExclusion(taskSet, limits, this);
  }

  /**
   * A task set succeeded: counts the failures it saw against their executors, and excludes those
   * (and their hosts) that reached the application limits.
   */
  void taskSetSucceeded(TaskSetExclusion taskSet) {
    if (limits.isEmpty()) {
      return;
    }
    ExclusionLimits l = limits.get();
    long now = clock.getAsLong();
    expire(now);
    for (TaskSetExclusion.ExecutorFailures f : taskSet.failuresByExecutor()) {
      ExecutorHealth health =
          executors.computeIfAbsent(f.executorId(), e -> new ExecutorHealth(f.host()));
      if (health.excludedUntil.isPresent()) {
        continue;
      }
      for (int i = 0; i < f.failedTasks(); i++) {
        health.failureTimes.add(now);
      }
      if (health.failureTimes.size() >= l.appTasksPerExecutor()) {
        long until = now + l.timeout().toMillis();
        health.excludedUntil = Optional.of(until);
        health.failuresWhenExcluded = health.failureTimes.size();
        health.failureTimes.clear();
        LOG.warn(
            "Excluding executor {} on host {} for the application until {}: {} task failures in"
                + " stages that succeeded ({}={})",
            f.executorId(),
            f.host(),
            Instant.ofEpochMilli(until),
            health.failuresWhenExcluded,
            "ember.excludeOnFailure.application.maxFailedTasksPerExecutor",
            l.appTasksPerExecutor());
        excludeHostIfNeeded(f.host(), now, l);
      }
    }
  }

  private void excludeHostIfNeeded(String host, long now, ExclusionLimits l) {
    if (excludedHostsUntil.containsKey(host)) {
      return;
    }
    List<String> excluded = new ArrayList<>();
    executors.forEach(
        (id, h) -> {
          if (h.host.equals(host) && h.excludedUntil.isPresent()) {
            excluded.add(id);
          }
        });
    if (excluded.size() >= l.appExecutorsPerNode()) {
      long until = now + l.timeout().toMillis();
      excludedHostsUntil.put(host, until);
      excluded.sort(null);
      LOG.warn(
          "Excluding host {} for the application until {}: its executors {} are excluded ({}={})",
          host,
          Instant.ofEpochMilli(until),
          excluded,
          "ember.excludeOnFailure.application.maxFailedExecutorsPerNode",
          l.appExecutorsPerNode());
    }
  }

  /** Ends exclusions that expired and forgets failures older than the timeout. */
  private void expire(long now) {
    if (limits.isEmpty()) {
      return;
    }
    long horizon = now - limits.get().timeout().toMillis();
    for (Iterator<Map.Entry<String, ExecutorHealth>> it = executors.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ExecutorHealth> e = it.next();
      ExecutorHealth h = e.getValue();
      if (h.excludedUntil.isPresent() && h.excludedUntil.get() <= now) {
        LOG.info("Executor {} on host {} is no longer excluded (timeout)", e.getKey(), h.host);
        h.excludedUntil = Optional.empty();
      }
      h.failureTimes.removeIf(t -> t <= horizon);
      if (h.excludedUntil.isEmpty() && h.failureTimes.isEmpty()) {
        it.remove();
      }
    }
    for (Iterator<Map.Entry<String, Long>> it = excludedHostsUntil.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() <= now) {
        LOG.info("Host {} is no longer excluded (timeout)", e.getKey());
        it.remove();
      }
    }
  }

  /**
   * Why an executor gets no tasks of any stage, or empty if it may get them.
   *
   * @param host the executor's host
   */
  Optional<String> exclusionOf(String executorId, String host) {
    if (limits.isEmpty() || (executors.isEmpty() && excludedHostsUntil.isEmpty())) {
      return Optional.empty();
    }
    expire(clock.getAsLong());
    Long hostUntil = excludedHostsUntil.get(host);
    if (hostUntil != null) {
      return Optional.of(
          "host "
              + host
              + " is excluded for the application until "
              + Instant.ofEpochMilli(hostUntil)
              + " (ember.excludeOnFailure.application.maxFailedExecutorsPerNode="
              + limits.get().appExecutorsPerNode()
              + " of its executors are excluded)");
    }
    ExecutorHealth h = executors.get(executorId);
    if (h != null && h.excludedUntil.isPresent()) {
      return Optional.of(
          "executor "
              + executorId
              + " is excluded for the application until "
              + Instant.ofEpochMilli(h.excludedUntil.get())
              + " after "
              + h.failuresWhenExcluded
              + " task failures (ember.excludeOnFailure.application.maxFailedTasksPerExecutor="
              + limits.get().appTasksPerExecutor()
              + ")");
    }
    return Optional.empty();
  }

  /** Whether an executor on {@code host} gets no tasks of any stage. */
  boolean isExcluded(String executorId, String host) {
    return exclusionOf(executorId, host).isPresent();
  }

  /** The offers from executors that are not excluded (all of them when disabled). */
  List<WorkerOffer> usable(List<WorkerOffer> offers) {
    if (limits.isEmpty() || (executors.isEmpty() && excludedHostsUntil.isEmpty())) {
      return offers;
    }
    return offers.stream().filter(o -> !isExcluded(o.executorId(), o.host())).toList();
  }

  /**
   * The executors, then the hosts, excluded for the application now, one line each (see {@link
   * JobSummary#exclusions}), by id.
   */
  List<String> exclusions() {
    if (limits.isEmpty() || (executors.isEmpty() && excludedHostsUntil.isEmpty())) {
      return List.of();
    }
    expire(clock.getAsLong());
    List<String> lines = new ArrayList<>();
    new TreeMap<>(executors)
        .forEach(
            (id, h) ->
                h.excludedUntil.ifPresent(
                    until ->
                        lines.add(
                            "executor "
                                + id
                                + " on host "
                                + h.host
                                + ": "
                                + h.failuresWhenExcluded
                                + " task failures, excluded until "
                                + Instant.ofEpochMilli(until))));
    new TreeMap<>(excludedHostsUntil)
        .forEach(
            (host, until) ->
                lines.add("host " + host + ": excluded until " + Instant.ofEpochMilli(until)));
    return lines;
  }

  /** The hosts excluded for the application now, sorted (for the ApplicationMaster). */
  SortedSet<String> excludedHosts() {
    if (limits.isEmpty() || excludedHostsUntil.isEmpty()) {
      return new TreeSet<>();
    }
    expire(clock.getAsLong());
    return new TreeSet<>(excludedHostsUntil.keySet());
  }
}
