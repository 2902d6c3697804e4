package dev.ember.scheduler;

import dev.ember.execution.TaskDescription;

/**
 * The cluster-manager side of task scheduling (Spark's {@code SchedulerBackend}): knows the
 * executors and their free slots, launches tasks on them, and reports task outcomes and executor
 * changes to the {@link TaskScheduler}. The local backend runs executors in-process; the YARN
 * modules provide one for containers. Called from the scheduler's threads; thread-safe.
 */
public interface SchedulerBackend extends AutoCloseable {
  /** Starts executors (or begins acquiring them); outcomes go to {@code scheduler}. */
  void start(TaskScheduler scheduler);

  /**
   * Asks the backend to offer its free slots to the scheduler now ({@link
   * TaskScheduler#resourceOffers}) and launch what it returns. Non-blocking.
   */
  void reviveOffers();

  /** Parallelism to use when the user gives none: typically the total number of task slots. */
  int defaultParallelism();

  /** Stops executors and releases resources; the scheduler is no longer called. */
  @Override
  void close();

  /** Drops every executor's cached partitions of a dataset (asynchronously for remote ones). */
  void removeCachedDataset(int datasetId);

  /** Launches one task on the executor it names (called by {@link TaskScheduler}). */
  void launchTask(TaskDescription task);

  /**
   * Asks the executor running {@code task} to kill it (Spark's {@code killTask}): its task thread
   * is interrupted and its outcome, when it arrives, is ignored by the scheduler. Best effort and
   * non-blocking: a task that ignores interrupts runs to its end; an unknown or finished task is
   * ignored. Called by the {@link TaskScheduler}, outside its lock, when another attempt of the
   * same task succeeded (speculative execution). Backends that wrap another must forward it.
   *
   * @param reason for the executor's log
   */
  void killTask(TaskDescription task, String reason);
}
