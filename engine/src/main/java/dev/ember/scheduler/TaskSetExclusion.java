package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.CoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusion on failure within one task set (Spark's {@code TaskSetExcludelist}): counts the failed
 * attempts of each task per executor and per host, and decides where tasks may no longer run.
 *
 * <ul>
 *   <li>A task is not retried on an executor where it failed {@code
 *       task.maxTaskAttemptsPerExecutor} times, nor on a host where it failed {@code
 *       task.maxTaskAttemptsPerNode} times.
 *   <li>An executor on which {@code stage.maxFailedTasksPerExecutor} distinct tasks failed gets no
 *       more tasks of the task set; a host with {@code stage.maxFailedExecutorsPerNode} such
 *       executors neither.
 *   <li>The application-wide {@link ExecutorHealthTracker} excludes more, for a while.
 * </ul>
 *
 * Only {@code TaskOutcome.Failed} attempts count (not lost executors, not fetch failures).
 *
 * <p>It also keeps the <em>unschedulable timer</em> (Spark's {@code
 * TaskSchedulerImpl.unschedulableTaskSetToExpiryTime}): when, after an offer round in which the
 * task set launched nothing, a pending task cannot run on any live executor because each one (or
 * its host) is excluded for it, the timer starts; a launch stops it; when it has run for {@code
 * unschedulableTaskSetTimeout}, {@link #checkSchedulable} returns the reason to fail the task set.
 *
 * <p>A disabled instance (no limits) excludes nothing. Not thread-safe: used under the {@link
 * TaskScheduler}'s lock.
 */
final class TaskSetExclusion {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSetExclusion.class);
  private static final String PREFIX = "ember.excludeOnFailure.";

  private final TaskSet taskSet;
  private final Optional<ExclusionLimits> limits;
  private final ExecutorHealthTracker application;
  private final Map<String, ExecutorState> executors = new HashMap<>();
  private final Map<String, HostState> hosts = new HashMap<>();
  private final Map<Integer, String> lastFailure = new HashMap<>();
  private Optional<Long> unschedulableSince = Optional.empty();

  /** What the application-wide tracker learns from a succeeded task set about one executor. */
  record ExecutorFailures(String executorId, String host, int failedTasks) {}

  private static final class ExecutorState {
    final String host;
    final Map<Integer, Integer> failuresByTask = new HashMap<>();
    boolean excluded;

    ExecutorState(String host) {
      this.host = host;
    }
  }

  private static final class HostState {
    final Map<Integer, Integer> failuresByTask = new HashMap<>();
    final Set<String> excludedExecutors = new HashSet<>();
    boolean excluded;
  }

  TaskSetExclusion(
      TaskSet taskSet, Optional<ExclusionLimits> limits, ExecutorHealthTracker application) {
    this.taskSet = requireNonNull(taskSet, "taskSet is null");
    this.limits = requireNonNull(limits, "limits is null");
    this.application = requireNonNull(application, "application is null");
  }

  /**
   * Records a failed attempt of the task at {@code index} on {@code executorId} at {@code host}.
   *
   * @param error the failure, for messages
   */
  void taskFailed(int index, String executorId, String host, String error) {
    if (limits.isEmpty()) {
      return;
    }
    ExclusionLimits l = limits.get();
    ExecutorState exec = executors.computeIfAbsent(executorId, e -> new ExecutorState(host));
    HostState node = hosts.computeIfAbsent(host, h -> new HostState());
    int onExecutor = exec.failuresByTask.merge(index, 1, Integer::sum);
    int onHost = node.failuresByTask.merge(index, 1, Integer::sum);
    lastFailure.put(index, error);
    if (onExecutor == l.taskAttemptsPerExecutor()) {
      LOG.info(
          "{} will not run on executor {} again: it failed there {} time(s) ({}={})",
          task(index),
          executorId,
          onExecutor,
          PREFIX + "task.maxTaskAttemptsPerExecutor",
          l.taskAttemptsPerExecutor());
    }
    if (onHost == l.taskAttemptsPerNode()) {
      LOG.info(
          "{} will not run on host {} again: it failed there {} time(s) ({}={})",
          task(index),
          host,
          onHost,
          PREFIX + "task.maxTaskAttemptsPerNode",
          l.taskAttemptsPerNode());
    }
    if (!exec.excluded && exec.failuresByTask.size() >= l.stageTasksPerExecutor()) {
      exec.excluded = true;
      node.excludedExecutors.add(executorId);
      LOG.warn(
          "Excluding executor {} on host {} for {}: {} of its tasks failed there ({}={})",
          executorId,
          host,
          taskSet.stageName(),
          exec.failuresByTask.size(),
          PREFIX + "stage.maxFailedTasksPerExecutor",
          l.stageTasksPerExecutor());
      if (!node.excluded && node.excludedExecutors.size() >= l.stageExecutorsPerNode()) {
        node.excluded = true;
        LOG.warn(
            "Excluding host {} for {}: its executors {} are excluded for it ({}={})",
            host,
            taskSet.stageName(),
            node.excludedExecutors,
            PREFIX + "stage.maxFailedExecutorsPerNode",
            l.stageExecutorsPerNode());
      }
    }
  }

  /** Whether the executor (at {@code host}) may get no task of this task set. */
  boolean isExcludedForStage(String executorId, String host) {
    if (limits.isEmpty()) {
      return false;
    }
    ExecutorState exec = executors.get(executorId);
    HostState node = hosts.get(host);
    return (exec != null && exec.excluded) || (node != null && node.excluded);
  }

  /** Whether the task at {@code index} may not run on the executor (at {@code host}). */
  boolean isExcludedForTask(String executorId, String host, int index) {
    return whyExcluded(executorId, host, index, false).isPresent();
  }

  /**
   * Why the task at {@code index} may not run on the executor, or empty if it may.
   *
   * @param application whether to include the application-wide exclusions
   */
  private Optional<String> whyExcluded(
      String executorId, String host, int index, boolean application) {
    if (limits.isEmpty()) {
      return Optional.empty();
    }
    ExclusionLimits l = limits.get();
    ExecutorState exec = executors.get(executorId);
    HostState node = hosts.get(host);
    if (application) {
      Optional<String> app = this.application.exclusionOf(executorId, host);
      if (app.isPresent()) {
        return app;
      }
    }
    if (node != null && node.excluded) {
      return Optional.of(
          "host "
              + host
              + " is excluded for the stage: its executors "
              + new TreeSet<>(node.excludedExecutors)
              + " are ("
              + PREFIX
              + "stage.maxFailedExecutorsPerNode="
              + l.stageExecutorsPerNode()
              + ")");
    }
    if (exec != null && exec.excluded) {
      return Optional.of(
          "executor "
              + executorId
              + " is excluded for the stage: "
              + exec.failuresByTask.size()
              + " of its tasks failed there ("
              + PREFIX
              + "stage.maxFailedTasksPerExecutor="
              + l.stageTasksPerExecutor()
              + ")");
    }
    int onHost = node == null ? 0 : node.failuresByTask.getOrDefault(index, 0);
    if (onHost >= l.taskAttemptsPerNode()) {
      return Optional.of(
          "the task failed "
              + onHost
              + " time(s) on host "
              + host
              + " ("
              + PREFIX
              + "task.maxTaskAttemptsPerNode="
              + l.taskAttemptsPerNode()
              + ")");
    }
    int onExecutor = exec == null ? 0 : exec.failuresByTask.getOrDefault(index, 0);
    if (onExecutor >= l.taskAttemptsPerExecutor()) {
      return Optional.of(
          "the task failed "
              + onExecutor
              + " time(s) on executor "
              + executorId
              + " ("
              + PREFIX
              + "task.maxTaskAttemptsPerExecutor="
              + l.taskAttemptsPerExecutor()
              + ")");
    }
    return Optional.empty();
  }

  /**
   * After an offer round: runs the unschedulable timer (see the class doc).
   *
   * @param launchedInRound whether this task set launched a task in the round
   * @param launchable which task indexes are pending (neither running nor succeeded)
   * @param anyPending the index of some pending task, or -1 if none
   * @param hostByExecutor the live executors and their hosts
   * @param now milliseconds
   * @return the reason to fail the task set, once the timer ran out
   */
  Optional<String> checkSchedulable(
      boolean launchedInRound,
      IntPredicate launchable,
      int anyPending,
      Map<String, String> hostByExecutor,
      long now) {
    if (limits.isEmpty() || launchedInRound || hostByExecutor.isEmpty()) {
      unschedulableSince = Optional.empty();
      return Optional.empty();
    }
    // A task without failures of its own can only be excluded by stage- or application-wide
    // exclusions, which hit every task alike: checking one of them suffices.
    Set<Integer> candidates = new LinkedHashSet<>();
    for (ExecutorState exec : executors.values()) {
      candidates.addAll(exec.failuresByTask.keySet());
    }
    if (anyPending >= 0) {
      candidates.add(anyPending);
    }
    for (int index : candidates) {
      if (!launchable.test(index)) {
        continue;
      }
      Map<String, String> reasons = new TreeMap<>();
      for (Map.Entry<String, String> e : hostByExecutor.entrySet()) {
        Optional<String> why = whyExcluded(e.getKey(), e.getValue(), index, true);
        if (why.isEmpty()) {
          reasons = Map.of();
          break;
        }
        reasons.put(e.getKey(), why.get());
      }
      if (!reasons.isEmpty()) {
        return unschedulable(index, reasons, now);
      }
    }
    unschedulableSince = Optional.empty();
    return Optional.empty();
  }

  private Optional<String> unschedulable(int index, Map<String, String> reasons, long now) {
    Duration timeout = limits.orElseThrow().unschedulableTimeout();
    if (unschedulableSince.isEmpty()) {
      unschedulableSince = Optional.of(now);
      LOG.warn(
          "{} cannot run on any of the {} live executors, all excluded for it; {} fails unless an"
              + " executor becomes usable within {} ({}unschedulableTaskSetTimeout)",
          task(index),
          reasons.size(),
          taskSet.stageName(),
          seconds(timeout),
          PREFIX);
    }
    if (now - unschedulableSince.get() < timeout.toMillis()) {
      return Optional.empty();
    }
    List<String> why = new ArrayList<>();
    reasons.forEach((executor, reason) -> why.add("executor " + executor + ": " + reason));
    return Optional.of(
        task(index)
            + " of "
            + taskSet.stageName()
            + " cannot run anywhere: every live executor or its host is excluded for it after task"
            + " failures ("
            + String.join("; ", why)
            + "), for "
            + seconds(timeout)
            + " ("
            + PREFIX
            + "unschedulableTaskSetTimeout). Fix or remove the failing hosts, raise the limits"
            + " ("
            + PREFIX
            + "*, "
            + CoreOptions.TASK_MAX_FAILURES.key()
            + "), or set "
            + CoreOptions.EXCLUDE_ON_FAILURE_ENABLED.key()
            + "=false. The task's most recent failure: "
            + lastFailure.getOrDefault(index, "none"));
  }

  /** Per executor that saw failures, how many distinct tasks failed there (for the tracker). */
  List<ExecutorFailures> failuresByExecutor() {
    List<ExecutorFailures> out = new ArrayList<>();
    executors.forEach(
        (id, exec) -> out.add(new ExecutorFailures(id, exec.host, exec.failuresByTask.size())));
    return out;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private String task(int index) {
    int partition = taskSet.partitions().get(index);
    return "task " + partition + " (partition " + partition + ")";
  }
}
