package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.execution.TaskOutcomeCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places tasks on executors' free slots (Spark's {@code TaskSchedulerImpl}): holds the active task
 * sets in FIFO order (by job, then stage), answers the backend's resource offers level by level
 * (PROCESS_LOCAL first, ANY last) with delay scheduling, decodes task outcomes, retries failed
 * tasks and reports to the DAG scheduler. Thread-safe: offers, status updates and submissions
 * arrive on different threads and are serialized by this object's lock; listener calls are made
 * outside it.
 *
 * <p>Racks: an executor's rack is resolved once, when it registers, through the {@link
 * RackResolver} (Hadoop's topology mapping); tasks' preferred hosts are resolved when their task
 * set is submitted. Both happen outside the lock, so an offer round only reads cached racks. The
 * pending tasks' preferences are summarized by {@link #pendingLocalityDemand} for the cluster
 * manager's container requests.
 */
public final class TaskScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);

  private final int maxFailures;
  private final Map<TaskLocality, Duration> waits = new EnumMap<>(TaskLocality.class);
  private final LongSupplier clock;
  private final TaskOutcomeCodec codec;
  private final TaskEventListener listener;
  private final OutputCommitCoordinator commits;
  private final AtomicLong nextTaskAttemptId = new AtomicLong();

  private final List<TaskSetManager> active = new ArrayList<>();
  private final Map<Long, Running> runningTasks = new HashMap<>();
  private final Map<String, Placement> executors = new HashMap<>();
  private final RackResolver racks;
  private final boolean legacyResetOnTaskLaunch;
  private final ExecutorHealthTracker health;
  private final SpeculationTracker.Policy speculation;
  private final Duration speculationInterval;
  private Optional<ScheduledExecutorService> speculationTimer = Optional.empty();
  private SchedulerBackend backend;
  private Optional<String> aborted = Optional.empty();

  private record Running(TaskSetManager manager, TaskDescription task) {}

  /** Where an executor runs: its host and, if the topology mapping knows it, its rack. */
  private record Placement(String host, Optional<String> rack) {}

  /**
   * A scheduler that knows no racks (RACK_LOCAL never applies).
   *
   * @param clock milliseconds, for delay scheduling (a fake clock in tests)
   */
  public TaskScheduler(
      EmberConf conf,
      TaskOutcomeCodec codec,
      TaskEventListener listener,
      OutputCommitCoordinator commits,
      LongSupplier clock) {
    this(conf, codec, listener, commits, clock, RackResolver.none());
  }

  /**
   * @param clock milliseconds, for delay scheduling (a fake clock in tests)
   * @param racks resolves the racks of executors' hosts (when they register) and of tasks'
   *     preferred hosts that come without one (when their task set is submitted)
   * @throws dev.ember.conf.ConfigException if {@code ember.task.maxFailures} is below 1, or the
   *     {@code ember.excludeOnFailure.*} options are invalid ({@link ExclusionLimits#from})
   */
  public TaskScheduler(
      EmberConf conf,
      TaskOutcomeCodec codec,
      TaskEventListener listener,
      OutputCommitCoordinator commits,
      LongSupplier clock,
      RackResolver racks) {
    this.maxFailures = conf.get(CoreOptions.TASK_MAX_FAILURES);
    if (maxFailures < 1) {
      throw new dev.ember.conf.ConfigException(
          CoreOptions.TASK_MAX_FAILURES.key() + ": must be at least 1, was " + maxFailures);
    }
    Duration wait = conf.get(CoreOptions.LOCALITY_WAIT);
    waits.put(
        TaskLocality.PROCESS_LOCAL,
        conf.getOptional(CoreOptions.LOCALITY_WAIT_PROCESS).orElse(wait));
    waits.put(
        TaskLocality.NODE_LOCAL, conf.getOptional(CoreOptions.LOCALITY_WAIT_NODE).orElse(wait));
    waits.put(TaskLocality.NO_PREF, Duration.ZERO);
    waits.put(
        TaskLocality.RACK_LOCAL, conf.getOptional(CoreOptions.LOCALITY_WAIT_RACK).orElse(wait));
    this.legacyResetOnTaskLaunch = conf.get(CoreOptions.LOCALITY_WAIT_LEGACY_RESET);
    this.speculation = SpeculationTracker.Policy.from(conf);
    this.speculationInterval = conf.get(CoreOptions.SPECULATION_INTERVAL);
    this.racks = requireNonNull(racks, "racks is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.commits = requireNonNull(commits, "commits is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.health = new ExecutorHealthTracker(ExclusionLimits.from(conf, maxFailures), clock);
  }

  /**
   * Connects the backend and starts it (executors begin to register); with {@code
   * ember.speculation} on, also starts a daemon thread that runs {@link #checkSpeculatableTasks}
   * every {@code ember.speculation.interval} until {@link #stop}.
   */
  public void start(SchedulerBackend backend) {
    synchronized (this) {
      this.backend = requireNonNull(backend, "backend is null");
    }
    backend.start(this);
    if (speculation.enabled()) {
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              new ThreadFactoryBuilder()
                  .setNameFormat("task-scheduler-speculation")
                  .setDaemon(true)
                  .build());
      synchronized (this) {
        speculationTimer = Optional.of(timer);
      }
      long interval = speculationInterval.toMillis();
      var unused =
          timer.scheduleWithFixedDelay(
              this::checkSpeculatableTasksSafely, interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the speculation thread, if any (the session is closing). Idempotent. */
  public void stop() {
    Optional<ScheduledExecutorService> timer;
    synchronized (this) {
      timer = speculationTimer;
      speculationTimer = Optional.empty();
    }
    timer.ifPresent(ScheduledExecutorService::shutdownNow);
  }

  private void checkSpeculatableTasksSafely() {
    try {
      checkSpeculatableTasks();
    } catch (RuntimeException e) {
      LOG.warn("Checking for speculatable tasks failed", e);
    }
  }

  /**
   * Marks the active task sets' slow tasks for speculative copies (see {@link SpeculationTracker})
   * and, if any was marked, asks the backend for offers. Called every {@code
   * ember.speculation.interval} when {@code ember.speculation} is on (and directly by tests).
   *
   * @return whether any task was marked
   */
  public boolean checkSpeculatableTasks() {
    boolean marked = false;
    synchronized (this) {
      for (TaskSetManager manager : active) {
        for (int partition : manager.checkSpeculatableTasks()) {
          LOG.info(
              "Marking task {} of {} as speculatable: it runs much longer than the stage's median",
              partition,
              manager.taskSet().stageName());
          marked = true;
        }
      }
    }
    if (marked) {
      backend.reviveOffers();
    }
    return marked;
  }

  /**
   * Queues a stage attempt's tasks and asks the backend for offers; after {@link #abort}, reports
   * the task set as failed instead. Resolves the racks of the tasks' preferred hosts first (outside
   * the lock: the topology mapping may run a script).
   */
  public void submitTasks(TaskSet taskSet) {
    Optional<String> abortReason;
    synchronized (this) {
      abortReason = aborted;
    }
    if (abortReason.isPresent()) {
      listener.taskSetFailed(
          taskSet, abortReason.get(), new IllegalStateException(abortReason.get()));
      return;
    }
    Set<String> rackless = new HashSet<>();
    for (List<TaskLocation> prefs : taskSet.preferredLocations()) {
      for (TaskLocation loc : prefs) {
        if (loc.rack().isEmpty()) {
          rackless.add(loc.host());
        }
      }
    }
    racks.resolve(rackless);
    synchronized (this) {
      // A new attempt of a stage supersedes the old one.
      for (TaskSetManager m : active) {
        if (m.taskSet().stageId() == taskSet.stageId()) {
          m.markZombie();
        }
      }
      active.add(
          new TaskSetManager(
              taskSet,
              maxFailures,
              waits,
              clock,
              nextTaskAttemptId::incrementAndGet,
              racks::cachedRack,
              legacyResetOnTaskLaunch,
              health.newTaskSet(taskSet),
              speculation));
      active.sort(
          Comparator.comparingInt((TaskSetManager m) -> m.taskSet().jobId())
              .thenComparingInt(m -> m.taskSet().stageId()));
    }
    backend.reviveOffers();
  }

  /** Stops launching tasks of a stage (all attempts), e.g. when its job was cancelled. */
  public synchronized void cancelStage(int stageId) {
    for (TaskSetManager m : active) {
      if (m.taskSet().stageId() == stageId) {
        m.markZombie();
      }
    }
    removeFinishedSets();
  }

  /**
   * Registers an executor. Resolves its host's rack through the topology mapping first (once per
   * host, cached, outside the lock), so that offer rounds never wait for the mapping.
   */
  public void executorAdded(String executorId, String host) {
    Optional<String> rack = racks.rackOf(host);
    synchronized (this) {
      executors.put(executorId, new Placement(host, rack));
    }
  }

  /**
   * Forgets a lost executor, so that tasks preferring it no longer wait for it (delay scheduling),
   * and tells the listener, which forgets the map outputs and cached blocks it held. Its running
   * tasks are reported separately through {@link #handleOutcome} with {@link
   * TaskOutcome.ExecutorLost}.
   */
  public void executorLost(String executorId) {
    synchronized (this) {
      executors.remove(executorId);
    }
    listener.executorLost(executorId);
  }

  /**
   * Chooses tasks for the offered free slots (called by the backend, which then launches them). The
   * offers must be all free slots of all executors: a round in which no slot is declined for
   * locality restarts a task set's locality wait (SPARK-18886, see {@link TaskSetManager}). Offers
   * from executors not registered through {@link #executorAdded} are registered with the offer's
   * rack (or the cached rack of its host). Executors excluded on failure get no tasks; a task set
   * whose pending task stayed unschedulable for {@code
   * ember.excludeOnFailure.unschedulableTaskSetTimeout} fails ({@link TaskSetExclusion}).
   */
  public synchronized List<TaskDescription> resourceOffers(List<WorkerOffer> allOffers) {
    List<WorkerOffer> offers = health.usable(allOffers);
    List<Optional<String>> offerRacks = new ArrayList<>();
    for (WorkerOffer o : offers) {
      Placement known =
          executors.computeIfAbsent(
              o.executorId(),
              e -> new Placement(o.host(), o.rack().or(() -> racks.cachedRack(o.host()))));
      offerRacks.add(o.rack().or(known::rack));
    }
    Set<String> hosts = new HashSet<>();
    Set<String> liveRacks = new HashSet<>();
    Map<String, String> hostByExecutor = new HashMap<>();
    for (Map.Entry<String, Placement> e : executors.entrySet()) {
      Placement p = e.getValue();
      hosts.add(p.host());
      p.rack().ifPresent(liveRacks::add);
      hostByExecutor.put(e.getKey(), p.host());
    }
    int[] free = offers.stream().mapToInt(WorkerOffer::freeSlots).toArray();
    List<TaskDescription> launched = new ArrayList<>();
    boolean abortedAny = false;
    for (TaskSetManager manager : active) {
      if (manager.isZombie()) {
        continue;
      }
      int launchedBefore = launched.size();
      manager.updateLevels(executors.keySet(), hosts, liveRacks);
      manager.startRound();
      for (TaskLocality level : manager.levels()) {
        boolean any;
        do {
          any = false;
          for (int i = 0; i < offers.size(); i++) {
            if (free[i] <= 0) {
              continue;
            }
            WorkerOffer offer = offers.get(i);
            Optional<TaskDescription> task =
                manager.resourceOffer(offer.executorId(), offer.host(), offerRacks.get(i), level);
            if (task.isPresent()) {
              free[i]--;
              launched.add(task.get());
              runningTasks.put(task.get().taskAttemptId(), new Running(manager, task.get()));
              listener.taskStarted(manager.taskSet(), task.get().partition());
              if (manager.isSpeculative(task.get().taskAttemptId())) {
                LOG.info("Launching speculative {} on executor {}", task.get(), offer.executorId());
                listener.speculativeTaskStarted(manager.taskSet(), task.get().partition());
              }
              any = true;
            }
          }
        } while (any);
      }
      manager.endRound(!launched.isEmpty());
      Optional<String> unschedulable =
          manager.checkSchedulable(launched.size() > launchedBefore, hostByExecutor);
      if (unschedulable.isPresent()) {
        abortedAny = true;
        manager.markZombie();
        LOG.error("{}", unschedulable.get());
        listener.taskSetFailed( // only hands the event over, as taskStarted does
            manager.taskSet(), unschedulable.get(), new IllegalStateException(unschedulable.get()));
      }
    }
    if (abortedAny) {
      removeFinishedSets();
    }
    return launched;
  }

  /**
   * Where the pending tasks of the active task sets would like to run, by host and rack: for the
   * backend to pass to the cluster manager (e.g. the YARN ApplicationMaster's container requests).
   * Racks come from the tasks' locations or the resolver's cache. O(pending tasks).
   */
  public synchronized LocalityDemand pendingLocalityDemand() {
    Map<String, Integer> byHost = new HashMap<>();
    Map<String, Integer> byRack = new HashMap<>();
    int[] counts = new int[2];
    for (TaskSetManager manager : active) {
      manager.countDemand(byHost, byRack, counts);
    }
    return new LocalityDemand(counts[0], counts[1], byHost, byRack, health.excludedHosts());
  }

  /** Reports a task attempt's encoded outcome (called by the backend on any thread). */
  public void statusUpdate(long taskAttemptId, byte[] encodedOutcome) {
    TaskOutcome outcome;
    try {
      outcome = codec.decode(encodedOutcome);
    } catch (RuntimeException e) {
      outcome = new TaskOutcome.Failed(e, new dev.ember.metrics.TaskMetrics());
    }
    handleOutcome(taskAttemptId, outcome);
  }

  /** Reports an outcome the driver side decided itself (e.g. the executor was lost). */
  public void handleOutcome(long taskAttemptId, TaskOutcome outcome) {
    Running running;
    boolean abort = false;
    boolean report = true;
    boolean loser = false;
    List<TaskDescription> losers = List.of();
    synchronized (this) {
      running = runningTasks.remove(taskAttemptId);
      if (running == null) {
        return;
      }
      TaskSetManager manager = running.manager();
      int partition = running.task().partition();
      if (!(outcome instanceof TaskOutcome.Success)) {
        TaskDescription t = running.task();
        commits.attemptFailed(t.stageId(), t.stageAttempt(), partition, t.attemptNumber());
      }
      manager.attemptEnded(taskAttemptId, outcome instanceof TaskOutcome.Success);
      if (manager.hasSucceeded(partition)) {
        // A losing attempt (another one of this task succeeded first, e.g. its speculative copy):
        // whatever it reports is ignored and never counts as a failure.
        manager.taskFailed(partition, false); // only marks the attempt ended
        loser = true;
        report = false;
      } else if (outcome instanceof TaskOutcome.Success) {
        report = manager.taskSucceeded(partition);
        if (report && manager.isFinished()) {
          health.taskSetSucceeded(manager.exclusion());
        }
        losers = otherAttempts(running);
      } else if (outcome instanceof TaskOutcome.Failed f) {
        Placement at = executors.get(running.task().executorId());
        if (at != null) {
          manager.recordFailureOn(
              partition, running.task().executorId(), at.host(), f.error().toString());
        }
        abort = manager.taskFailed(partition, true);
        LOG.warn(
            "Lost {} on executor {}: {} (failure {} of {})",
            running.task(),
            running.task().executorId(),
            f.error().toString(),
            manager.failures(partition),
            maxFailures);
        report = false;
      } else if (outcome instanceof TaskOutcome.ExecutorLost) {
        manager.taskFailed(partition, false);
        report = false;
      } else {
        manager.markZombie(); // A fetch failure: the DAG scheduler resubmits the stage.
        manager.taskFailed(partition, false); // only marks the attempt ended: the set is a zombie
      }
      removeFinishedSets();
    }
    TaskSet taskSet = running.manager().taskSet();
    for (TaskDescription other : losers) {
      LOG.info(
          "Killing {} on executor {}: {} succeeded", other, other.executorId(), running.task());
      backend.killTask(other, "another attempt (" + running.task() + ") succeeded");
    }
    listener.taskAttemptEnded(
        taskSet, running.task().partition(), outcome instanceof TaskOutcome.Success);
    if (!loser
        && (outcome instanceof TaskOutcome.Failed || outcome instanceof TaskOutcome.ExecutorLost)) {
      listener.taskAttemptFailed(taskSet, running.task().partition());
    }
    if (abort) {
      Throwable cause = ((TaskOutcome.Failed) outcome).error();
      String reason =
          "task "
              + running.task().partition()
              + " (partition "
              + running.task().partition()
              + ") of "
              + taskSet.stageName()
              + " failed "
              + maxFailures
              + " times; most recent failure on executor "
              + running.task().executorId()
              + ": "
              + cause;
      listener.taskSetFailed(taskSet, reason, cause);
    } else if (report) {
      listener.taskEnded(taskSet, running.task().partition(), outcome, running.task().locality());
    }
    backend.reviveOffers();
  }

  /** The other running attempts of {@code winner}'s task (speculative copies or originals). */
  private List<TaskDescription> otherAttempts(Running winner) {
    List<TaskDescription> others = new ArrayList<>();
    for (Running r : runningTasks.values()) {
      if (r.manager() == winner.manager() && r.task().partition() == winner.task().partition()) {
        others.add(r.task());
      }
    }
    return others;
  }

  private void removeFinishedSets() {
    List<TaskSetManager> done =
        active.stream().filter(m -> m.isZombie() && !m.hasRunningTasks()).toList();
    active.removeAll(done);
    for (TaskSetManager m : done) {
      int stageId = m.taskSet().stageId();
      if (active.stream().noneMatch(other -> other.taskSet().stageId() == stageId)) {
        commits.stageEnded(stageId);
      }
    }
  }

  /**
   * Fails every active task set and every later one with {@code reason}: the cluster manager can no
   * longer provide executors (e.g. too many executor containers failed; Spark's ApplicationMaster
   * ends the application in that case). The jobs they belong to fail with a {@code
   * JobFailedException} whose message includes {@code reason}. Called by the backend on any thread;
   * later calls are ignored.
   */
  public void abort(String reason) {
    requireNonNull(reason, "reason is null");
    List<TaskSet> failed = new ArrayList<>();
    synchronized (this) {
      if (aborted.isPresent()) {
        return;
      }
      aborted = Optional.of(reason);
      for (TaskSetManager m : active) {
        if (!m.isZombie()) {
          m.markZombie();
          failed.add(m.taskSet());
        }
      }
      removeFinishedSets();
    }
    LOG.error("Aborting {} active task sets: {}", failed.size(), reason);
    for (TaskSet taskSet : failed) {
      listener.taskSetFailed(taskSet, reason, new IllegalStateException(reason));
    }
  }

  /**
   * How far the active stages are: finished tasks / all tasks of the task sets still running, in
   * [0, 1]; empty when no task set is active. For progress reports (e.g. YARN's); cheap.
   */
  public synchronized OptionalDouble progress() {
    int finished = 0;
    int total = 0;
    for (TaskSetManager m : active) {
      if (!m.isZombie()) {
        finished += m.succeededCount();
        total += m.size();
      }
    }
    return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) finished / total);
  }

  /** The executors and hosts excluded for the application now, for job summaries. */
  public synchronized List<String> exclusions() {
    return health.exclusions();
  }

  /** Whether any task set still has work. */
  public synchronized boolean hasActiveTaskSets() {
    return !active.isEmpty();
  }
}
