package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.RemoteSchedulerBackend;
import dev.ember.execution.TaskDescription;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The driver's scheduler backend in cluster deploy mode (Spark's {@code YarnSchedulerBackend}): a
 * {@link RemoteSchedulerBackend} that also listens to the ApplicationMaster's {@link
 * ExecutorAllocator} in the same process. A container loss reaches the driver at once ({@link
 * RemoteSchedulerBackend#executorLost}) instead of after the heartbeat timeout; the allocator
 * failing the application aborts the driver's jobs ({@link RemoteSchedulerBackend#abort}) so that
 * the user's main ends; the heartbeat reports the running stages' progress. Thread-safe.
 */
final class YarnSchedulerBackend implements SchedulerBackend, AllocatorListener {
  private final RemoteSchedulerBackend delegate;
  private final ExecutorAllocator allocator;
  private volatile Optional<TaskScheduler> scheduler = Optional.empty();
  private volatile double lastProgress = ExecutorAllocator.INITIAL_PROGRESS;

  /** Creates the backend and makes it {@code allocator}'s listener and progress source. */
  YarnSchedulerBackend(RemoteSchedulerBackend delegate, ExecutorAllocator allocator) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    allocator.setListener(this);
    allocator.setProgress(this::progress);
  }

  @Override
  public void start(TaskScheduler taskScheduler) {
    scheduler = Optional.of(taskScheduler);
    delegate.start(taskScheduler);
  }

  @Override
  public void reviveOffers() {
    delegate.reviveOffers();
  }

  @Override
  public int defaultParallelism() {
    return delegate.defaultParallelism();
  }

  /** Tells the allocator that executors now end on purpose, then stops them. */
  @Override
  public void close() {
    allocator.finishing();
    delegate.close();
  }

  @Override
  public void removeCachedDataset(int datasetId) {
    delegate.removeCachedDataset(datasetId);
  }

  @Override
  public void launchTask(TaskDescription task) {
    delegate.launchTask(task);
  }

  @Override
  public void killTask(TaskDescription task, String reason) {
    delegate.killTask(task, reason);
  }

  @Override
  public void executorLost(String executorId, String reason) {
    delegate.executorLost(executorId, reason);
  }

  @Override
  public void applicationFailed(String diagnostics) {
    delegate.abort(diagnostics);
  }

  /**
   * {@value ExecutorAllocator#INITIAL_PROGRESS} until the first stage runs, then 0.1 + 0.8 x the
   * finished fraction of the running stages' tasks; between stages the last value. Not monotonic
   * across stages: YARN shows it as a hint, not a promise.
   */
  double progress() {
    OptionalDouble running = scheduler.map(TaskScheduler::progress).orElse(OptionalDouble.empty());
    if (running.isPresent()) {
      lastProgress = ExecutorAllocator.INITIAL_PROGRESS + 0.8 * running.getAsDouble();
    }
    return lastProgress;
  }
}
