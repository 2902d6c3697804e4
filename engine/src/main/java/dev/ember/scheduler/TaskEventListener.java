package dev.ember.scheduler;

import dev.ember.execution.TaskOutcome;

/**
 * Receives task-level events from the {@link TaskScheduler}; implemented by the DAG scheduler.
 * Called on scheduler threads; implementations hand events to their own thread.
 */
public interface TaskEventListener {
  /**
   * A task attempt was launched (called while the task scheduler holds its lock: only hand the
   * event over). Does nothing by default.
   */
  default void taskStarted(TaskSet taskSet, int partition) {}

  /**
   * The attempt just reported through {@link #taskStarted} is a speculative copy of a slow task
   * ({@code ember.speculation}). Called while the task scheduler holds its lock: only hand the
   * event over. Does nothing by default.
   */
  default void speculativeTaskStarted(TaskSet taskSet, int partition) {}

  /**
   * Any task attempt ended, retried failures and lost executors included (for progress reporting;
   * {@link #taskEnded} decides the stage's fate). Does nothing by default.
   */
  default void taskAttemptEnded(TaskSet taskSet, int partition, boolean succeeded) {}

  /**
   * A task attempt ended. Retryable failures are retried by the task scheduler before (and besides)
   * being reported here.
   *
   * @param partition the partition the task computed
   * @param locality where it ran relative to its data
   */
  void taskEnded(TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality);

  /**
   * The task set was aborted: a task failed {@code ember.task.maxFailures} times.
   *
   * @param reason a message naming the task and the failure count
   * @param cause the last failure's exception
   */
  void taskSetFailed(TaskSet taskSet, String reason, Throwable cause);

  /**
   * An executor was lost (its process or host is gone): the map outputs and cached blocks it held
   * are gone with it. Called once per loss, before its running tasks are reported as ended.
   */
  default void executorLost(String executorId) {}

  /**
   * A task attempt failed or was lost with its executor; the task scheduler retries it (or aborts
   * the task set, reported after this through {@link #taskSetFailed}). For job summaries.
   */
  default void taskAttemptFailed(TaskSet taskSet, int partition) {}
}
