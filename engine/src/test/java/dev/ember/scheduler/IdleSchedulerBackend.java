package dev.ember.scheduler;

import dev.ember.execution.TaskDescription;

/**
 * A scheduler backend for unit tests that drive a {@link TaskScheduler} by hand: the test makes the
 * resource offers itself, and launching, killing and reviving do nothing. Subclasses override what
 * they want to record.
 */
class IdleSchedulerBackend implements SchedulerBackend {
  private final int defaultParallelism;

  IdleSchedulerBackend(int defaultParallelism) {
    this.defaultParallelism = defaultParallelism;
  }

  @Override
  public void start(TaskScheduler scheduler) {}

  @Override
  public void reviveOffers() {}

  @Override
  public int defaultParallelism() {
    return defaultParallelism;
  }

  @Override
  public void close() {}

  @Override
  public void removeCachedDataset(int datasetId) {}

  @Override
  public void launchTask(TaskDescription task) {}

  @Override
  public void killTask(TaskDescription task, String reason) {}
}
