package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.TaskDescription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Schedules the tasks of one {@link TaskSet} (Spark's {@code TaskSetManager}): keeps pending tasks
 * indexed by preferred executor, host and rack, picks the best-placed task for a free slot, applies
 * delay scheduling across locality levels, and retries failed tasks up to {@code maxFailures}
 * attempts. Not thread-safe: the {@link TaskScheduler} calls it under its lock.
 *
 * <p><b>Locality levels.</b> The valid levels of a set (Spark's {@code computeValidLocalityLevels})
 * are recomputed for every offer round from what is still pending and what is alive: PROCESS_LOCAL
 * if a pending task prefers a live executor (a cached partition), NODE_LOCAL if one prefers a host
 * with a live executor, NO_PREF if a pending task has no preference, RACK_LOCAL if one prefers a
 * host on a rack with a live executor, and always ANY.
 *
 * <p><b>Delay scheduling</b> (Zaharia et al., "Delay Scheduling", EuroSys 2010, as in Spark): the
 * set starts at its most local valid level and accepts a less local one only after waiting at the
 * current level for that level's wait ({@code ember.locality.wait[.process|.node|.rack]}); a wait
 * of 0 skips the level. What counts as waiting follows Spark's fix of SPARK-18886 ("delay
 * scheduling should not delay some executors indefinitely if one task is scheduled before delay
 * timeout", Spark 3.1): the wait measures how long <em>free slots went unused because of
 * locality</em>, not how long since the last launch. The timer restarts (and the set returns to the
 * most local level it launched at) only at the end of an offer round ({@link #endRound}) in which
 * some task was launched and no offered slot was declined by this set for locality reasons (a
 * decline: a slot offered at ANY got no task although launchable tasks were pending). So a stream
 * of node-local launches on one busy executor no longer keeps other free executors idle forever:
 * once their slots have gone unused for the node wait, they get tasks at the next level. The old
 * rule (restart the timer on every launch) is kept behind {@code
 * ember.locality.wait.legacyResetOnTaskLaunch}, like Spark's {@code
 * spark.locality.wait.legacyResetOnTaskLaunch}. Ember's backends always offer every free slot, so
 * Spark's distinction between full and single-executor offer rounds is not needed.
 */
final class TaskSetManager {
  private final TaskSet taskSet;
  private final int maxFailures;
  private final Map<TaskLocality, Duration> waits;
  private final LongSupplier clock;
  private final AttemptIds attemptIds;
  private final Function<String, Optional<String>> rackOfHost;
  private final boolean legacyResetOnTaskLaunch;
  private final TaskSetExclusion exclusion;
  private final SpeculationTracker speculation;

  private final Map<String, ArrayDeque<Integer>> pendingForExecutor = new HashMap<>();
  private final Map<String, ArrayDeque<Integer>> pendingForHost = new HashMap<>();
  private final Map<String, ArrayDeque<Integer>> pendingForRack = new HashMap<>();
  private final ArrayDeque<Integer> pendingNoPrefs = new ArrayDeque<>();
  private final ArrayDeque<Integer> pendingAll = new ArrayDeque<>();

  private final Map<Integer, Integer> indexByPartition = new HashMap<>();
  private final int[] failures;
  private final int[] attempts;
  // Running attempts per task: up to two with speculation.
  private final int[] running;
  private final boolean[] succeeded;
  private int succeededCount;
  private int runningCount;
  private boolean zombie;

  // Until updateLevels() computes the valid levels, start at the most local one, so that the
  // first offers respect the locality wait.
  private List<TaskLocality> levels = List.of(TaskLocality.PROCESS_LOCAL);
  private Set<String> aliveExecutors = Set.of();
  private Set<String> aliveHosts = Set.of();
  private Set<String> aliveRacks = Set.of();
  private int levelIndex;
  private long lastResetMillis;

  // The current offer round: whether a slot was declined for locality, the most local launch.
  private boolean declinedInRound;
  private Optional<TaskLocality> mostLocalLaunchInRound = Optional.empty();

  /** Hands out application-unique task attempt ids. */
  interface AttemptIds {
    long next();
  }

  /** A manager without rack knowledge and with SPARK-18886's wait rule (for tests). */
  TaskSetManager(
      TaskSet taskSet,
      int maxFailures,
      Map<TaskLocality, Duration> waits,
      LongSupplier clock,
      AttemptIds attemptIds) {
    this(taskSet, maxFailures, waits, clock, attemptIds, host -> Optional.empty(), false);
  }

  /** A manager without exclusion on failure that never speculates (for tests). */
  TaskSetManager(
      TaskSet taskSet,
      int maxFailures,
      Map<TaskLocality, Duration> waits,
      LongSupplier clock,
      AttemptIds attemptIds,
      Function<String, Optional<String>> rackOfHost,
      boolean legacyResetOnTaskLaunch) {
    this(
        taskSet,
        maxFailures,
        waits,
        clock,
        attemptIds,
        rackOfHost,
        legacyResetOnTaskLaunch,
        new ExecutorHealthTracker(Optional.empty(), clock).newTaskSet(taskSet),
        SpeculationTracker.Policy.DISABLED);
  }

  /**
   * @param waits the locality wait per level (missing levels wait 0)
   * @param clock milliseconds
   * @param rackOfHost the rack of a preferred host whose {@link TaskLocation} names none; must not
   *     block (the scheduler passes its resolver's cache)
   * @param legacyResetOnTaskLaunch restart the locality timer on every launch (pre-SPARK-18886)
   * @param exclusion where failures exclude this set's tasks from running ({@link
   *     TaskSetExclusion})
   * @param speculation when to launch speculative copies of slow tasks (see {@link
   *     SpeculationTracker})
   */
  TaskSetManager(
      TaskSet taskSet,
      int maxFailures,
      Map<TaskLocality, Duration> waits,
      LongSupplier clock,
      AttemptIds attemptIds,
      Function<String, Optional<String>> rackOfHost,
      boolean legacyResetOnTaskLaunch,
      TaskSetExclusion exclusion,
      SpeculationTracker.Policy speculation) {
    this.taskSet = requireNonNull(taskSet, "taskSet is null");
    this.maxFailures = maxFailures;
    this.waits = new EnumMap<>(waits);
    this.clock = requireNonNull(clock, "clock is null");
    this.attemptIds = requireNonNull(attemptIds, "attemptIds is null");
    this.rackOfHost = requireNonNull(rackOfHost, "rackOfHost is null");
    this.legacyResetOnTaskLaunch = legacyResetOnTaskLaunch;
    this.exclusion = requireNonNull(exclusion, "exclusion is null");
    int n = taskSet.partitions().size();
    this.failures = new int[n];
    this.attempts = new int[n];
    this.running = new int[n];
    this.succeeded = new boolean[n];
    this.speculation = new SpeculationTracker(speculation, n, i -> succeeded[i]);
    for (int i = n - 1; i >= 0; i--) {
      indexByPartition.put(taskSet.partitions().get(i), i);
      addPending(i);
    }
    this.lastResetMillis = clock.getAsLong();
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

  private Optional<String> rackOf(TaskLocation loc) {
    return loc.rack().or(() -> rackOfHost.apply(loc.host()));
  }

  private void addPending(int index) {
    List<TaskLocation> prefs = taskSet.preferredLocations().get(index);
    Set<String> racks = new HashSet<>();
    for (TaskLocation loc : prefs) {
      loc.executorId()
          .ifPresent(
              e -> pendingForExecutor.computeIfAbsent(e, k -> new ArrayDeque<>()).addFirst(index));
      pendingForHost.computeIfAbsent(loc.host(), k -> new ArrayDeque<>()).addFirst(index);
      rackOf(loc).ifPresent(racks::add);
    }
    for (String rack : racks) {
      pendingForRack.computeIfAbsent(rack, k -> new ArrayDeque<>()).addFirst(index);
    }
    if (prefs.isEmpty()) {
      pendingNoPrefs.addFirst(index);
    }
    pendingAll.addFirst(index);
  }

  /** {@link #updateLevels(Set, Set, Set)} without racks (for tests). */
  void updateLevels(Set<String> executors, Set<String> hosts) {
    updateLevels(executors, hosts, Set.of());
  }

  /**
   * Recomputes which locality levels make sense given the live executors, their hosts and racks
   * (Spark's {@code computeValidLocalityLevels}); keeps the current level, or the next valid one.
   */
  void updateLevels(Set<String> executors, Set<String> hosts, Set<String> racks) {
    aliveExecutors = executors;
    aliveHosts = hosts;
    aliveRacks = racks;
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
    if (pendingForRack.keySet().stream().anyMatch(racks::contains)) {
      valid.add(TaskLocality.RACK_LOCAL);
    }
    valid.add(TaskLocality.ANY);
    TaskLocality current = levels.get(Math.min(levelIndex, levels.size() - 1));
    levels = List.copyOf(valid);
    levelIndex = indexOfLevel(current);
  }

  List<TaskLocality> levels() {
    return levels;
  }

  /** The index of the first valid level at least as distant as {@code level}. */
  private int indexOfLevel(TaskLocality level) {
    int i = 0;
    while (i < levels.size() - 1 && levels.get(i).compareTo(level) < 0) {
      i++;
    }
    return i;
  }

  /**
   * The most distant level allowed now, advancing past levels without launchable tasks and levels
   * whose wait has expired (Spark's {@code getAllowedLocalityLevel}).
   */
  private TaskLocality allowedLevel(long now) {
    while (levelIndex < levels.size() - 1) {
      TaskLocality level = levels.get(levelIndex);
      long wait = waits.getOrDefault(level, Duration.ZERO).toMillis();
      if (!hasPendingAt(level)) {
        levelIndex++;
        lastResetMillis = now;
      } else if (now - lastResetMillis >= wait) {
        // Credit the time waited beyond this level's wait to the next level.
        lastResetMillis += wait;
        levelIndex++;
      } else {
        break;
      }
    }
    return levels.get(levelIndex);
  }

  /** Whether a launchable task waits at {@code level} for a live executor, host or rack. */
  private boolean hasPendingAt(TaskLocality level) {
    return switch (level) {
      case PROCESS_LOCAL -> hasLaunchable(pendingForExecutor, aliveExecutors);
      case NODE_LOCAL -> hasLaunchable(pendingForHost, aliveHosts);
      case NO_PREF -> headLaunchable(pendingNoPrefs);
      case RACK_LOCAL -> hasLaunchable(pendingForRack, aliveRacks);
      case ANY -> headLaunchable(pendingAll);
    };
  }

  /** Drops queues that hold no launchable task; true if a live key still has one. */
  private boolean hasLaunchable(Map<String, ArrayDeque<Integer>> queues, Set<String> alive) {
    boolean found = false;
    for (Iterator<Map.Entry<String, ArrayDeque<Integer>>> it = queues.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ArrayDeque<Integer>> e = it.next();
      if (!headLaunchable(e.getValue())) {
        it.remove();
      } else if (alive.contains(e.getKey())) {
        found = true;
        break;
      }
    }
    return found;
  }

  /** Drops finished or running tasks from the head; true if a launchable one remains. */
  private boolean headLaunchable(ArrayDeque<Integer> queue) {
    while (!queue.isEmpty() && !launchable(queue.peekFirst())) {
      queue.pollFirst();
    }
    return !queue.isEmpty();
  }

  private boolean launchable(int index) {
    return running[index] == 0 && !succeeded[index];
  }

  /** {@link #resourceOffer(String, String, Optional, TaskLocality)} for a rackless executor. */
  Optional<TaskDescription> resourceOffer(
      String executorId, String host, TaskLocality maxLocality) {
    return resourceOffer(executorId, host, Optional.empty(), maxLocality);
  }

  /**
   * Offers one free slot; returns a task to launch there if one is allowed at {@code maxLocality}
   * and the current delay-scheduling level. A slot offered at ANY that gets no task while tasks are
   * pending counts as declined for locality in the current round (see the class doc).
   */
  Optional<TaskDescription> resourceOffer(
      String executorId, String host, Optional<String> rack, TaskLocality maxLocality) {
    if (zombie || exclusion.isExcludedForStage(executorId, host)) {
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
    Optional<Picked> picked = pick(executorId, host, rack, allowed);
    boolean speculative = false;
    if (picked.isEmpty() && maxLocality == TaskLocality.ANY) {
      // Speculative copies ignore locality (their task is already late) and leave the delay
      // scheduling state alone: a pending task that did not get this slot was declined.
      picked =
          speculation
              .pollSpeculative(
                  executorId, host, i -> !exclusion.isExcludedForTask(executorId, host, i))
              .map(i -> new Picked(i, maxLocality));
      speculative = picked.isPresent();
    }
    if (picked.isEmpty() || speculative) {
      if (maxLocality == TaskLocality.ANY && headLaunchable(pendingAll)) {
        declinedInRound = true;
      }
    }
    if (picked.isEmpty()) {
      return Optional.empty();
    }
    int index = picked.get().index();
    TaskLocality locality = picked.get().locality();
    if (!speculative
        && (mostLocalLaunchInRound.isEmpty()
            || locality.compareTo(mostLocalLaunchInRound.get()) < 0)) {
      mostLocalLaunchInRound = Optional.of(locality);
    }
    if (!speculative && legacyResetOnTaskLaunch && maxLocality != TaskLocality.NO_PREF) {
      levelIndex = indexOfLevel(locality);
      lastResetMillis = now;
    }
    running[index]++;
    runningCount++;
    int attempt = attempts[index]++;
    long taskAttemptId = attemptIds.next();
    speculation.launched(taskAttemptId, index, executorId, host, now, speculative);
    return Optional.of(
        new TaskDescription(
            taskAttemptId,
            taskSet.stageId(),
            taskSet.stageAttempt(),
            taskSet.partitions().get(index),
            attempt,
            executorId,
            locality,
            taskSet.taskBinary()));
  }

  /** Starts an offer round: forgets the previous round's declines and launches. */
  void startRound() {
    declinedInRound = false;
    mostLocalLaunchInRound = Optional.empty();
  }

  /**
   * Ends an offer round (SPARK-18886's rule, see the class doc): if a task was launched in the
   * round (by any task set) and this set declined no slot for locality, no slot went unused because
   * of this set's locality, so its wait restarts now, at the most local level it launched at in the
   * round. Does nothing with {@code legacyResetOnTaskLaunch}.
   *
   * @param anyLaunched whether the round launched any task so far, in this or an earlier set
   */
  void endRound(boolean anyLaunched) {
    if (legacyResetOnTaskLaunch || declinedInRound || !anyLaunched) {
      return;
    }
    lastResetMillis = clock.getAsLong();
    mostLocalLaunchInRound.ifPresent(l -> levelIndex = indexOfLevel(l));
  }

  private record Picked(int index, TaskLocality locality) {}

  private Optional<Picked> pick(
      String executorId, String host, Optional<String> rack, TaskLocality allowed) {
    Optional<Integer> i = poll(pendingForExecutor.get(executorId), executorId, host);
    if (i.isPresent()) {
      return Optional.of(new Picked(i.get(), TaskLocality.PROCESS_LOCAL));
    }
    if (TaskLocality.NODE_LOCAL.isAllowedBy(allowed)) {
      i = poll(pendingForHost.get(host), executorId, host);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.NODE_LOCAL));
      }
    }
    if (TaskLocality.NO_PREF.isAllowedBy(allowed)) {
      i = poll(pendingNoPrefs, executorId, host);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.NO_PREF));
      }
    }
    if (TaskLocality.RACK_LOCAL.isAllowedBy(allowed) && rack.isPresent()) {
      i = poll(pendingForRack.get(rack.get()), executorId, host);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.RACK_LOCAL));
      }
    }
    if (TaskLocality.ANY.isAllowedBy(allowed)) {
      i = poll(pendingAll, executorId, host);
      if (i.isPresent()) {
        return Optional.of(new Picked(i.get(), TaskLocality.ANY));
      }
    }
    return Optional.empty();
  }

  /**
   * Pops launchable tasks lazily: entries for running or finished tasks are dropped here; tasks
   * excluded from the executor (exclusion on failure) are skipped but stay queued for others.
   */
  private Optional<Integer> poll(ArrayDeque<Integer> queue, String executorId, String host) {
    if (queue == null) {
      return Optional.empty();
    }
    for (Iterator<Integer> it = queue.iterator(); it.hasNext(); ) {
      int index = it.next();
      if (!launchable(index)) {
        it.remove();
      } else if (!exclusion.isExcludedForTask(executorId, host, index)) {
        it.remove();
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  /**
   * Adds this set's pending tasks to a locality demand count (see {@link LocalityDemand}): {@code
   * counts[0]} pending tasks, {@code counts[1]} those with a preferred host.
   */
  void countDemand(Map<String, Integer> byHost, Map<String, Integer> byRack, int[] counts) {
    if (zombie) {
      return;
    }
    for (int index = 0; index < running.length; index++) {
      if (!launchable(index)) {
        continue;
      }
      counts[0]++;
      List<TaskLocation> prefs = taskSet.preferredLocations().get(index);
      if (prefs.isEmpty()) {
        continue;
      }
      counts[1]++;
      Set<String> hosts = new HashSet<>();
      Set<String> racks = new HashSet<>();
      for (TaskLocation loc : prefs) {
        hosts.add(loc.host());
        rackOf(loc).ifPresent(racks::add);
      }
      hosts.forEach(h -> byHost.merge(h, 1, Integer::sum));
      racks.forEach(r -> byRack.merge(r, 1, Integer::sum));
    }
  }

  private int indexOf(int partition) {
    return indexByPartition.get(partition);
  }

  private void markNotRunning(int index) {
    if (running[index] > 0) {
      running[index]--;
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

  /** Counts a failed attempt against its executor and host ({@link TaskSetExclusion}). */
  void recordFailureOn(int partition, String executorId, String host, String error) {
    exclusion.taskFailed(indexOf(partition), executorId, host, error);
  }

  /** After an offer round: the reason to fail this set if a task stayed unschedulable too long. */
  Optional<String> checkSchedulable(boolean launchedInRound, Map<String, String> hostByExecutor) {
    if (zombie) {
      return Optional.empty();
    }
    int any = headLaunchable(pendingAll) ? pendingAll.peekFirst() : -1;
    return exclusion.checkSchedulable(
        launchedInRound, this::launchable, any, hostByExecutor, clock.getAsLong());
  }

  TaskSetExclusion exclusion() {
    return exclusion;
  }

  /**
   * Records that an attempt ended, for speculation (run times of successful tasks); call before
   * {@link #taskSucceeded} or {@link #taskFailed}.
   */
  void attemptEnded(long taskAttemptId, boolean success) {
    speculation.ended(taskAttemptId, success, clock.getAsLong());
  }

  /** Whether the attempt is a speculative copy (false once it ended). */
  boolean isSpeculative(long taskAttemptId) {
    return speculation.isSpeculative(taskAttemptId);
  }

  /**
   * Marks running tasks that are slow enough for a speculative copy (see {@link
   * SpeculationTracker}); nothing for a zombie set or with speculation off.
   *
   * @return the partitions newly marked
   */
  List<Integer> checkSpeculatableTasks() {
    if (zombie) {
      return List.of();
    }
    return speculation.check(clock.getAsLong()).stream().map(taskSet.partitions()::get).toList();
  }

  /** Whether {@code partition} has succeeded: a later outcome of it is a losing attempt's. */
  boolean hasSucceeded(int partition) {
    return succeeded[indexOf(partition)];
  }

  /** How many attempts of {@code partition} have failed. */
  int failures(int partition) {
    return failures[indexOf(partition)];
  }
}
