package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.execution.TaskDescription;
import dev.ember.scheduler.LocalityDemand;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler backend that keeps the ApplicationMaster informed of the driver's demand for
 * executors (Spark's {@code YarnSchedulerBackend.requestTotalExecutors} with the {@code
 * ExecutorAllocationManager}'s locality hints): every {@link #INTERVAL}, and soon after the task
 * scheduler asks for offers (a stage was submitted, a task ended), it reads {@link
 * TaskScheduler#pendingLocalityDemand()} and, when it changed since the last report, sends it with
 * the executor count to a sink: the allocator in the same process in cluster deploy mode, the
 * {@code UpdateDemand} RPC in client deploy mode. Delegates everything else.
 *
 * <p>Threading: reports are made on one daemon thread of this backend's, so that neither the task
 * scheduler's threads nor the AMRM client's heartbeat ever wait for the sink (which may resolve
 * racks or make an RPC). A sink that fails is logged and retried at the next tick. Thread-safe.
 */
final class DemandReportingBackend implements SchedulerBackend {
  private static final Logger LOG = LoggerFactory.getLogger(DemandReportingBackend.class);

  /** How often the demand is read (and sent when it changed). */
  static final Duration INTERVAL = Duration.ofMillis(500);

  /**
   * The least time between a report and one prompted by offers, so that a stage of many short tasks
   * (each of whose ends revives offers) does not flood the ApplicationMaster.
   */
  private static final long MIN_NUDGE_SPACING_NANOS = Duration.ofMillis(100).toNanos();

  private final SchedulerBackend delegate;
  private final Duration interval;
  private final int executorsWanted;
  private final Consumer<ExecutorDemand> sink;
  private final ScheduledExecutorService reporter =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setNameFormat("demand-reporter").setDaemon(true).build());
  private final AtomicBoolean nudged = new AtomicBoolean();
  private volatile long lastReportNanos = System.nanoTime() - MIN_NUDGE_SPACING_NANOS;
  private volatile Optional<Supplier<LocalityDemand>> source = Optional.empty();
  private Optional<ExecutorDemand> lastSent = Optional.empty(); // Guarded by this.

  /**
   * @param delegate the backend that runs the executors
   * @param executorsWanted the executors the driver wants ({@code ember.executor.instances})
   * @param sink where the demand goes; called on the reporter thread only
   */
  DemandReportingBackend(
      SchedulerBackend delegate, int executorsWanted, Consumer<ExecutorDemand> sink) {
    this(delegate, INTERVAL, executorsWanted, sink);
  }

  /** With another reporting interval (tests). */
  DemandReportingBackend(
      SchedulerBackend delegate,
      Duration interval,
      int executorsWanted,
      Consumer<ExecutorDemand> sink) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.executorsWanted = executorsWanted;
    this.sink = requireNonNull(sink, "sink is null");
  }

  /** Starts the delegate (which requests the executors), then the periodic reports. */
  @Override
  public void start(TaskScheduler scheduler) {
    delegate.start(scheduler);
    startReporting(scheduler::pendingLocalityDemand);
  }

  /** Reports what {@code demand} returns from now on: every interval and when nudged. */
  void startReporting(Supplier<LocalityDemand> demand) {
    source = Optional.of(requireNonNull(demand, "demand is null"));
    var unused =
        reporter.scheduleWithFixedDelay(
            this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Asks the delegate for offers and schedules a report of the changed demand, unless one was made
   * less than 100 ms ago (the next periodic report then carries the change).
   */
  @Override
  public void reviveOffers() {
    delegate.reviveOffers();
    if (source.isPresent()
        && System.nanoTime() - lastReportNanos >= MIN_NUDGE_SPACING_NANOS
        && nudged.compareAndSet(false, true)) {
      try {
        reporter.execute(this::report);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Closed: no more reports.
      }
    }
  }

  /** Reads the demand and sends it if it changed. Runs on the reporter thread (tests: any). */
  synchronized void report() {
    nudged.set(false);
    lastReportNanos = System.nanoTime();
    Optional<Supplier<LocalityDemand>> from = source;
    if (from.isEmpty()) {
      return;
    }
    try {
      ExecutorDemand demand = new ExecutorDemand(executorsWanted, from.get().get());
      if (lastSent.equals(Optional.of(demand))) {
        return;
      }
      sink.accept(demand);
      lastSent = Optional.of(demand);
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot tell the ApplicationMaster the driver's demand (retrying): {}", e.toString());
    }
  }

  @Override
  public int defaultParallelism() {
    return delegate.defaultParallelism();
  }

  /** Stops the reports, then the delegate. */
  @Override
  public void close() {
    reporter.shutdownNow();
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
}
