package dev.ember.scheduler;

/**
 * Observes jobs on the driver (e.g. for summaries, progress bars, event streams). Called on the DAG
 * scheduler's event thread, in the order things happened: return quickly and do not call back into
 * the session. Only {@link #onJobEnd} must be implemented; the stage and task callbacks (Spark's
 * {@code SparkListener} has the same ones) do nothing by default.
 */
@FunctionalInterface
public interface JobListener {
  /**
   * An action started a job.
   *
   * @param name the action's call site, e.g. "collect at WordCount.java:44"
   * @param stages the stages the job may run, in id order (some may be skipped later because their
   *     shuffle output already exists)
   */
  default void onJobStart(JobId job, String name, java.util.List<StageId> stages) {}

  /** A job ended, successfully or not. */
  void onJobEnd(JobSummary summary);

  /**
   * An attempt of a stage was submitted to the task scheduler.
   *
   * @param attempt the stage attempt, from 1 (a stage is resubmitted after fetch failures)
   * @param name e.g. "reduceByKey at WordCount.java:40"
   * @param tasks the attempt's tasks: the stage's missing partitions (at least 1)
   */
  default void onStageSubmitted(StageId stage, int attempt, String name, int tasks) {}

  /**
   * An attempt of a stage ended: all its tasks succeeded, or it failed (fetch failure, a task that
   * failed too often) or was cancelled with its job.
   */
  default void onStageCompleted(StageId stage, int attempt, boolean succeeded) {}

  /** A task attempt of a stage attempt was launched on an executor. */
  default void onTaskStart(StageId stage, int attempt, int partition) {}

  /**
   * A task attempt ended; {@code succeeded} is false for a failed attempt (which may be retried), a
   * lost executor or a fetch failure.
   */
  default void onTaskEnd(StageId stage, int attempt, int partition, boolean succeeded) {}
}
