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
}
