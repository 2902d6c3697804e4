package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.TaskDescription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Schedules the tasks of one {@link TaskSet} (Spark's {@code TaskSetManager}): keeps pending tasks
 * indexed by preferred executor and host, picks the best-placed task for a free slot, applies delay
 * scheduling across locality levels, and retries failed tasks up to {@code maxFailures} attempts.
 * Not thread-safe: the {@link TaskScheduler} calls it under its lock.
 *
 * <p>Delay scheduling (Zaharia et al., "Delay Scheduling", EuroSys 2010, as in Spark): the set
 * starts at its most local valid level; when no task has launched at the current level for that
 * level's wait, it moves to the next level. Launching a task at a level returns the set to it.
 */
final class TaskSetManager {
  private final TaskSet taskSet;
  private final int maxFailures;
  private final Map<TaskLocality, Duration> waits;
  private final LongSupplier clock;
  private final AttemptIds attemptIds;

  private final Map<String, ArrayDeque<Integer>> pendingForExecutor = new HashMap<>();
  private final Map<String, ArrayDeque<Integer>> pendingForHost = new HashMap<>();
  private final ArrayDeque<Integer> pendingNoPrefs = new ArrayDeque<>();
  private final ArrayDeque<Integer> pendingAll = new ArrayDeque<>();

  private final Map<Integer, Integer> indexByPartition = new HashMap<>();
  private final int[] failures;
  private final int[] attempts;
  private final boolean[] running;
  private final boolean[] succeeded;
  private int succeededCount;
  private int runningCount;
  private boolean zombie;

  // Until updateLevels() computes the valid levels, start at the most local one, so that the
  // first offers respect the locality wait.
  private List<TaskLocality> levels = List.of(TaskLocality.PROCESS_LOCAL);
  private int levelIndex;
  private long lastLaunchMillis;

  /** Hands out application-unique task attempt ids. */
  interface AttemptIds {
    long next();
  }

  TaskSetManager(
      TaskSet taskSet,
      int maxFailures,
      Map<TaskLocality, Duration> waits,
      LongSupplier clock,
      AttemptIds attemptIds) {
    this.taskSet = requireNonNull(taskSet, "taskSet is null");
    this.maxFailures = maxFailures;
    this.waits = new EnumMap<>(waits);
    this.clock = requireNonNull(clock, "clock is null");
    this.attemptIds = requireNonNull(attemptIds, "attemptIds is null");
    int n = taskSet.partitions().size();
    this.failures = new int[n];
    this.attempts = new int[n];
    this.running = new boolean[n];
    this.succeeded = new boolean[n];
    for (int i = n - 1; i >= 0; i--) {
      indexByPartition.put(taskSet.partitions().get(i), i);
      addPending(i);
    }
    this.lastLaunchMillis = clock.getAsLong();
  }

  TaskSet taskSet() {
    return taskSet;
  }

  boolean isZombie() {
    return zombie;
  }

  /** Stops launching tasks (the stage attempt is finished, failed or superseded). */
  void markZombie() {
    zombie = true;
  }

  boolean isFinished() {
    return succeededCount == succeeded.length;
  }

  boolean hasRunningTasks() {
    return runningCount > 0;
  }

  /** Partitions of this task set that have succeeded. */
  int succeededCount() {
    return succeededCount;
  }

  /** Partitions of this task set. */
  int size() {
    return succeeded.length;
  }

  private void addPending(int index) {
    List<TaskLocation> prefs = taskSet.preferredLocations().get(index);
    for (TaskLocation loc : prefs) {
      loc.executorId()
          .ifPresent(
              e -> pendingForExecutor.computeIfAbsent(e, k -> new ArrayDeque<>()).addFirst(index));
      pendingForHost.computeIfAbsent(loc.host(), k -> new ArrayDeque<>()).addFirst(index);
    }
    if (prefs.isEmpty()) {
      pendingNoPrefs.addFirst(index);
    }
    pendingAll.addFirst(index);
  }

  /** Recomputes which locality levels make sense given the live executors and hosts. */
  void updateLevels(Set<String> executors, Set<String> hosts) {
    List<TaskLocality> valid = new ArrayList<>();
    if (pendingForExecutor.keySet().stream().anyMatch(executors::contains)) {
      valid.add(TaskLocality.PROCESS_LOCAL);
    }
    if (pendingForHost.keySet().stream().anyMatch(hosts::contains)) {
      valid.add(TaskLocality.NODE_LOCAL);
    }
    if (!pendingNoPrefs.isEmpty()) {
      valid.add(TaskLocality.NO_PREF);
    }
    valid.add(TaskLocality.ANY);
    TaskLocality current = levels.get(Math.min(levelIndex, levels.size() - 1));
    levels = List.copyOf(valid);
    levelIndex = 0;
    while (levelIndex < levels.size() - 1 && levels.get(levelIndex).compareTo(current) < 0) {
      levelIndex++;
    }
  }

  List<TaskLocality> levels() {
    return levels;
  }

  /** The most distant level allowed now, advancing past levels whose wait has expired. */
  private TaskLocality allowedLevel(long now) {
    while (levelIndex < levels.size() - 1) {
      TaskLocality level = levels.get(levelIndex);
      if (!hasPendingAt(level)) {
        levelIndex++;
        lastLaunchMillis = now;
      } else if (now - lastLaunchMillis >= waits.getOrDefault(level, Duration.ZERO).toMillis()) {
        lastLaunchMillis += waits.getOrDefault(level, Duration.ZERO).toMillis();
        levelIndex++;
      } else {
        break;
      }
    }
    return levels.get(levelIndex);
  }

  private boolean hasPendingAt(TaskLocality level) {
    return switch (level) {
      case PROCESS_LOCAL ->
          pendingForExecutor.values().stream().anyMatch(q -> q.stream().anyMatch(this::launchable));
      case NODE_LOCAL ->
          pendingForHost.values().stream().anyMatch(q -> q.stream().anyMatch(this::launchable));
      case NO_PREF -> pendingNoPrefs.stream().anyMatch(this::launchable);
      case RACK_LOCAL, ANY -> pendingAll.stream().anyMatch(this::launchable);
    };
  }

  private boolean launchable(int index) {
    return !running[index] && !succeeded[index];
  }

  /**
   * Offers one free slot; returns a task to launch there if one is allowed at {@code maxLocality}
   * and the current delay-scheduling level.
   */
  Optional<TaskDescription> resourceOffer(
      String executorId, String host, TaskLocality maxLocality) {
    if (zombie) {
      return Optional.empty();
    }
    long now = clock.getAsLong();
    TaskLocality allowed = maxLocality;
    if (maxLocality != TaskLocality.NO_PREF) {
      TaskLocality delayed = allowedLevel(now);
      if (delayed.compareTo(allowed) < 0) {
        allowed = delayed;
      }
    }
    Optional<Picked> picked = pick(executorId, host, allowed);
    if (picked.isEmpty()) {
      return Optional.empty();
    }
    int index = picked.get().index();
    TaskLocality locality = picked.get().locality();
    if (maxLocality != TaskLocality.NO_PREF) {
      int at = levels.indexOf(locality);
      if (at >= 0) {
        levelIndex = at;
      }
      lastLaunchMillis = now;
    }
    running[index] = true;
    runningCount++;
    int attempt = attempts[index]++;
    return Optional.of(
        new TaskDescription(
            attemptIds.next(),
            taskSet.stageId(),
            taskSet.stageAttempt(),
            taskSet.partitions().get(index),
            attempt,
            executorId,
            locality,
            taskSet.taskBinary()));
  }

  private record Picked(int index, TaskLocality locality) {}

  private Optional<Picked> pick(String executorId, String host, TaskLocality allowed) {
    Optional<Integer> i = poll(pendingForExecutor.get(executorId));
    if (i.isPresent()) {
      return Optional.of(new Picked(i.get(), TaskLocality.PROCESS_LOCAL));
    }
    if (TaskLocality.NODE_LOCAL.isAllowedBy(allowed)) {
      i = poll(pendingForHost.get(host));
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.NODE_LOCAL));
      }
    }
    if (TaskLocality.NO_PREF.isAllowedBy(allowed)) {
      i = poll(pendingNoPrefs);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.NO_PREF));
      }
    }
    if (TaskLocality.ANY.isAllowedBy(allowed)) {
      i = poll(pendingAll);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.ANY));
      }
    }
    return Optional.empty();
  }

  /** Pops launchable tasks lazily: entries for running or finished tasks are dropped here. */
  private Optional<Integer> poll(ArrayDeque<Integer> queue) {
    if (queue == null) {
      return Optional.empty();
    }
    while (!queue.isEmpty()) {
      int index = queue.pollFirst();
      if (launchable(index)) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  private int indexOf(int partition) {
    return indexByPartition.get(partition);
  }

  private void markNotRunning(int index) {
    if (running[index]) {
      running[index] = false;
      runningCount--;
    }
  }

  /**
   * Records a successful attempt.
   *
   * @return whether this was the first success for the partition (later ones are duplicates)
   */
  boolean taskSucceeded(int partition) {
    int index = indexOf(partition);
    markNotRunning(index);
    if (succeeded[index]) {
      return false;
    }
    succeeded[index] = true;
    succeededCount++;
    if (isFinished()) {
      zombie = true;
    }
    return true;
  }

  /**
   * Records a failed attempt and re-queues the task unless it has failed {@code maxFailures} times.
   *
   * @param countsAsFailure false for failures that are not the task's fault (executor lost)
   * @return whether the task set must be aborted
   */
  boolean taskFailed(int partition, boolean countsAsFailure) {
    int index = indexOf(partition);
    markNotRunning(index);
    if (succeeded[index] || zombie) {
      return false;
    }
    if (countsAsFailure && ++failures[index] >= maxFailures) {
      zombie = true;
      return true;
    }
    addPending(index);
    return false;
  }

  /** How many attempts of {@code partition} have failed. */
  int failures(int partition) {
    return failures[indexOf(partition)];
  }
}
