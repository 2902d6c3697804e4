package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.ConfigException;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits of exclusion on failure ({@code ember.excludeOnFailure.*}, Spark's {@code
 * spark.excludeOnFailure.*}): how many task failures exclude an executor or a host, for one task,
 * for one stage attempt, or for the application. Immutable.
 *
 * @param taskAttemptsPerExecutor failed attempts of a task on an executor that exclude the executor
 *     for that task
 * @param taskAttemptsPerNode failed attempts of a task on a host that exclude the host for that
 *     task
 * @param stageTasksPerExecutor distinct failed tasks of a stage attempt on an executor that exclude
 *     the executor for the stage attempt
 * @param stageExecutorsPerNode executors of a host excluded for a stage attempt that exclude the
 *     host for it
 * @param appTasksPerExecutor task failures on an executor (in stage attempts that then succeeded,
 *     within {@code timeout}) that exclude it for the application
 * @param appExecutorsPerNode executors of a host excluded for the application that exclude the host
 * @param timeout how long application-level exclusions (and the failures counted for them) last
 * @param unschedulableTimeout how long a task set may have a task no live executor may run before
 *     it fails
 */
public record ExclusionLimits(
    int taskAttemptsPerExecutor,
    int taskAttemptsPerNode,
    int stageTasksPerExecutor,
    int stageExecutorsPerNode,
    int appTasksPerExecutor,
    int appExecutorsPerNode,
    Duration timeout,
    Duration unschedulableTimeout) {
  public ExclusionLimits {
    if (taskAttemptsPerExecutor < 1
        || taskAttemptsPerNode < 1
        || stageTasksPerExecutor < 1
        || stageExecutorsPerNode < 1
        || appTasksPerExecutor < 1
        || appExecutorsPerNode < 1) {
      throw new IllegalArgumentException("exclusion limits must be at least 1");
    }
    requireNonNull(timeout, "timeout is null");
    requireNonNull(unschedulableTimeout, "unschedulableTimeout is null");
  }

  /**
   * The configured limits, or empty if {@code ember.excludeOnFailure.enabled} is false.
   *
   * @param maxTaskFailures {@code ember.task.maxFailures}
   * @throws ConfigException if a value is out of range, or if {@code
   *     ember.excludeOnFailure.task.maxTaskAttemptsPerNode} is not below {@code maxTaskFailures}
   *     (then one bad host could use up all of a task's attempts; Spark refuses this too)
   */
  public static Optional<ExclusionLimits> from(EmberConf conf, int maxTaskFailures) {
    if (!conf.get(CoreOptions.EXCLUDE_ON_FAILURE_ENABLED)) {
      return Optional.empty();
    }
    int perNode = conf.get(CoreOptions.EXCLUDE_TASK_MAX_ATTEMPTS_PER_NODE);
    if (perNode >= maxTaskFailures) {
      throw new ConfigException(
          CoreOptions.EXCLUDE_TASK_MAX_ATTEMPTS_PER_NODE.key()
              + " ("
              + perNode
              + ") must be below "
              + CoreOptions.TASK_MAX_FAILURES.key()
              + " ("
              + maxTaskFailures
              + ") when "
              + CoreOptions.EXCLUDE_ON_FAILURE_ENABLED.key()
              + " is true, or one bad host could use up all attempts of a task. Lower the former,"
              + " raise the latter, or disable exclusion on failure.");
    }
    return Optional.of(
        new ExclusionLimits(
            conf.get(CoreOptions.EXCLUDE_TASK_MAX_ATTEMPTS_PER_EXECUTOR),
            perNode,
            conf.get(CoreOptions.EXCLUDE_STAGE_MAX_FAILED_TASKS_PER_EXECUTOR),
            conf.get(CoreOptions.EXCLUDE_STAGE_MAX_FAILED_EXECUTORS_PER_NODE),
            conf.get(CoreOptions.EXCLUDE_APP_MAX_FAILED_TASKS_PER_EXECUTOR),
            conf.get(CoreOptions.EXCLUDE_APP_MAX_FAILED_EXECUTORS_PER_NODE),
            conf.get(CoreOptions.EXCLUDE_TIMEOUT),
            conf.get(CoreOptions.EXCLUDE_UNSCHEDULABLE_TIMEOUT)));
  }
}
