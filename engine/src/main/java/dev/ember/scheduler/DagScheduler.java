package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.Accumulator;
import dev.ember.Dataset;
import dev.ember.JobFailedException;
import dev.ember.conf.CoreOptions;
import dev.ember.execution.TaskBinary;
import dev.ember.execution.TaskOutcome;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.ResultFunction;
import dev.ember.lineage.ShuffleDependency;
import dev.ember.serializer.ClosureSerializer;
import dev.ember.serializer.SerializationException;
import dev.ember.storage.BlockManagerMaster;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns actions into stages and stages into task sets (Spark's {@code DAGScheduler}): one job per
 * action; the lineage is cut into stages at shuffle dependencies; a stage runs when its parent
 * stages' shuffle outputs exist (a stage whose output already exists is skipped); the missing
 * partitions of a stage become a {@link TaskSet}. On a fetch failure the lost map output is
 * forgotten and the map stage and the failed stage are resubmitted, up to {@code
 * ember.stage.maxConsecutiveAttempts} consecutive failed attempts of the stage.
 *
 * <p>Threading: {@link #runJob} may be called from any driver thread and blocks; all scheduling
 * state is owned by a single event thread, to which task events are posted.
 */
public final class DagScheduler implements TaskEventListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DagScheduler.class);

  private final MapOutputTracker mapOutputs;
  private final int maxConsecutiveStageAttempts;
  private final Function<Long, Optional<Accumulator<?, ?>>> accumulators;
  private final List<JobListener> listeners;
  private final ClosureSerializer closures = new ClosureSerializer();
  private final PreferredLocations preferences;
  private final BlockManagerMaster blocks;
  private final ScheduledExecutorService eventLoop =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder()
              .setNameFormat("dag-scheduler-event-loop")
              .setDaemon(true)
              .build());
  private final AtomicInteger nextJobId = new AtomicInteger();
  private final AtomicInteger nextStageId = new AtomicInteger();
  private TaskScheduler taskScheduler;

  // Event-thread state.
  private final Map<Integer, Stage> shuffleStages = new HashMap<>();
  private final Map<Integer, Stage> stagesById = new HashMap<>();
  private final Set<Stage> waiting = new HashSet<>();
  private final Set<Stage> running = new HashSet<>();
  private final Set<Stage> failed = new HashSet<>();
  private final List<ActiveJob> activeJobs = new ArrayList<>();

  /**
   * @param maxConsecutiveStageAttempts consecutive fetch-failed attempts of a stage after which its
   *     job fails ({@code ember.stage.maxConsecutiveAttempts}), at least 1
   * @param accumulators looks up the driver's accumulator by id, to merge task updates
   * @param listeners notified on the event thread when jobs end
   */
  public DagScheduler(
      int maxConsecutiveStageAttempts,
      MapOutputTracker mapOutputs,
      BlockManagerMaster blocks,
      Function<Long, Optional<Accumulator<?, ?>>> accumulators,
      List<JobListener> listeners) {
    com.google.common.base.Preconditions.checkArgument(
        maxConsecutiveStageAttempts >= 1,
        "maxConsecutiveStageAttempts must be at least 1, was %s",
        maxConsecutiveStageAttempts);
    this.maxConsecutiveStageAttempts = maxConsecutiveStageAttempts;
    this.mapOutputs = requireNonNull(mapOutputs, "mapOutputs is null");
    this.blocks = requireNonNull(blocks, "blocks is null");
    this.preferences = new PreferredLocations(blocks);
    this.accumulators = requireNonNull(accumulators, "accumulators is null");
    this.listeners = requireNonNull(listeners, "listeners is null");
  }

  /** Connects the task scheduler (once, before the first job). */
  public void setTaskScheduler(TaskScheduler taskScheduler) {
    this.taskScheduler = requireNonNull(taskScheduler, "taskScheduler is null");
  }

  /**
   * Runs a job computing {@code function} on the given partitions of {@code dataset}, blocking
   * until it ends.
   *
   * @return one result per requested partition, in the order requested
   * @throws SerializationException if the job's closures cannot be serialized (before any task)
   * @throws JobFailedException if the job fails; its cause is the task's exception
   */
  @SuppressWarnings("unchecked")
  public <T, U> List<U> runJob(
      Dataset<T> dataset, ResultFunction<T, U> function, List<Integer> partitions) {
    materializePartitions(dataset, new HashSet<>());
    String callSite = dataset.creationSite();
    byte[] binary =
        closures.serialize(new TaskBinary.Result(dataset, function), "the job of " + callSite);
    if (partitions.isEmpty()) {
      return List.of();
    }
    JobId jobId = new JobId(nextJobId.getAndIncrement());
    CompletableFuture<List<Object>> result = new CompletableFuture<>();
    post(() -> submitJob(jobId, dataset, binary, List.copyOf(partitions), result));
    try {
      return (List<U>) result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof JobFailedException failure) {
        throw new JobFailedException(failure.getMessage(), failure.getCause());
      }
      throw new JobFailedException(jobId + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException(jobId + " was interrupted", e);
    }
  }

  /** Computes partitions on the caller's thread, so input errors surface before any task. */
  private static void materializePartitions(Dataset<?> dataset, Set<Integer> seen) {
    if (!seen.add(dataset.id())) {
      return;
    }
    dataset.partitions();
    for (Dependency dep : dataset.dependencies()) {
      materializePartitions(dep.parent(), seen);
    }
  }

  private void post(Runnable event) {
    eventLoop.execute(
        () -> {
          try {
            event.run();
          } catch (RuntimeException e) {
            LOG.error("DAG scheduler event failed; failing all active jobs", e);
            for (ActiveJob job : List.copyOf(activeJobs)) {
              finishJob(
                  job, Optional.of(new JobFailedException("internal scheduler error: " + e, e)));
            }
          }
        });
  }

  // ------------------------------------------------------------------ job submission

  private void submitJob(
      JobId jobId,
      Dataset<?> dataset,
      byte[] binary,
      List<Integer> partitions,
      CompletableFuture<List<Object>> result) {
    Stage finalStage;
    try {
      // Parents first, so that stage ids follow execution order (as in Spark).
      List<Stage> parents = parentStages(dataset);
      finalStage =
          Stage.result(new StageId(nextStageId.getAndIncrement()), dataset, parents, binary);
    } catch (RuntimeException e) {
      result.completeExceptionally(new JobFailedException(jobId + " failed to start: " + e, e));
      return;
    }
    stagesById.put(finalStage.id.id(), finalStage);
    ActiveJob job = new ActiveJob(jobId, dataset.creationSite(), finalStage, partitions);
    var unused =
        job.future.whenComplete(
            (v, e) -> {
              if (e != null) {
                result.completeExceptionally(e);
              } else {
                result.complete(v);
              }
            });
    collectStages(finalStage, job.stages);
    activeJobs.add(job);
    LOG.info("Starting {} ({}) with {} partitions", jobId, job.callSite, partitions.size());
    List<StageId> stageIds = job.stages.stream().map(s -> s.id).sorted().toList();
    notifyListeners(l -> l.onJobStart(jobId, job.callSite, stageIds));
    submitStage(finalStage, job);
  }

  private static void collectStages(Stage stage, Set<Stage> out) {
    if (out.add(stage)) {
      stage.parents.forEach(p -> collectStages(p, out));
    }
  }

  /** The shuffle map stages {@code dataset} directly depends on (through narrow lineage). */
  private List<Stage> parentStages(Dataset<?> dataset) {
    List<Stage> parents = new ArrayList<>();
    Set<Integer> visited = new HashSet<>();
    ArrayDeque<Dataset<?>> toVisit = new ArrayDeque<>();
    toVisit.push(dataset);
    while (!toVisit.isEmpty()) {
      Dataset<?> d = toVisit.pop();
      if (!visited.add(d.id())) {
        continue;
      }
      for (Dependency dep : d.dependencies()) {
        if (dep instanceof ShuffleDependency<?, ?, ?> shuffle) {
          Stage s = shuffleMapStage(shuffle);
          if (!parents.contains(s)) {
            parents.add(s);
          }
        } else {
          toVisit.push(dep.parent());
        }
      }
    }
    return parents;
  }

  private Stage shuffleMapStage(ShuffleDependency<?, ?, ?> dependency) {
    Stage existing = shuffleStages.get(dependency.shuffleId());
    if (existing != null) {
      return existing;
    }
    Stage stage =
        Stage.shuffleMap(
            new StageId(nextStageId.getAndIncrement()),
            dependency,
            parentStages(dependency.parent()));
    shuffleStages.put(dependency.shuffleId(), stage);
    stagesById.put(stage.id.id(), stage);
    mapOutputs.registerShuffle(dependency.shuffleId(), dependency.parent().numPartitions());
    return stage;
  }

  private boolean isAvailable(Stage stage) {
    return stage
        .shuffleDependency()
        .map(d -> mapOutputs.missingMaps(d.shuffleId()).isEmpty())
        .orElse(false);
  }

  private void submitStage(Stage stage, ActiveJob job) {
    if (waiting.contains(stage) || running.contains(stage) || failed.contains(stage)) {
      return;
    }
    List<Stage> missing =
        stage.parents.stream()
            .filter(p -> !isAvailable(p))
            .sorted(Comparator.comparingInt(s -> s.id.id()))
            .toList();
    if (missing.isEmpty()) {
      submitMissingTasks(stage, job);
    } else {
      missing.forEach(p -> submitStage(p, job));
      waiting.add(stage);
    }
  }

  private void submitMissingTasks(Stage stage, ActiveJob job) {
    List<Integer> partitions;
    byte[] binary;
    Optional<ShuffleDependency<?, ?, ?>> shuffle = stage.shuffleDependency();
    try {
      if (shuffle.isPresent()) {
        partitions = mapOutputs.missingMaps(shuffle.get().shuffleId());
        binary =
            closures.serialize(
                new TaskBinary.ShuffleMap(shuffle.get().parent(), shuffle.get()), stage.name);
      } else {
        partitions = new ArrayList<>();
        for (int i = 0; i < job.partitions.size(); i++) {
          if (!job.finished[i]) {
            partitions.add(job.partitions.get(i));
          }
        }
        binary = stage.resultBinary;
      }
    } catch (SerializationException e) {
      abortStage(stage, e.getMessage(), e);
      return;
    }
    stage.latestAttempt++;
    stage.pendingPartitions.clear();
    stage.pendingPartitions.addAll(partitions);
    running.add(stage);
    statsFor(stage).forEach(s -> s.attempts++);
    if (partitions.isEmpty()) {
      markStageFinished(stage);
      return;
    }
    List<List<TaskLocation>> prefs = new ArrayList<>();
    for (int p : partitions) {
      prefs.add(preferences.of(stage.dataset, p));
    }
    LOG.info(
        "Submitting {} attempt {} with {} tasks",
        stage.name,
        stage.latestAttempt,
        partitions.size());
    notifyListeners(
        l -> l.onStageSubmitted(stage.id, stage.latestAttempt, stage.name, partitions.size()));
    taskScheduler.submitTasks(
        new TaskSet(
            job.id.id(),
            stage.id.id(),
            stage.latestAttempt,
            stage.name,
            partitions,
            prefs,
            binary));
  }

  private List<ActiveJob.StageStats> statsFor(Stage stage) {
    List<ActiveJob.StageStats> out = new ArrayList<>();
    for (ActiveJob job : activeJobs) {
      if (job.stages.contains(stage)) {
        out.add(job.statsFor(stage));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ task events

  @Override
  public void taskEnded(
      TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {
    post(() -> handleTaskEnded(taskSet, partition, outcome, locality));
  }

  @Override
  public void taskStarted(TaskSet taskSet, int partition) {
    StageId stage = new StageId(taskSet.stageId());
    post(() -> notifyListeners(l -> l.onTaskStart(stage, taskSet.stageAttempt(), partition)));
  }

  @Override
  public void speculativeTaskStarted(TaskSet taskSet, int partition) {
    post(
        () -> {
          Stage stage = stagesById.get(taskSet.stageId());
          if (stage != null) {
            statsFor(stage).forEach(s -> s.speculativeTasks++);
          }
        });
  }

  @Override
  public void taskAttemptEnded(TaskSet taskSet, int partition, boolean succeeded) {
    StageId stage = new StageId(taskSet.stageId());
    post(
        () ->
            notifyListeners(l -> l.onTaskEnd(stage, taskSet.stageAttempt(), partition, succeeded)));
  }

  @Override
  public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
    post(
        () -> {
          Stage stage = stagesById.get(taskSet.stageId());
          if (stage != null) {
            abortStage(stage, reason, cause);
          }
        });
  }

  /**
   * Forgets the lost executor's map outputs and cached blocks (Spark's {@code
   * DAGScheduler.handleExecutorLost} without an external shuffle service): a running map stage then
   * re-runs the lost partitions when its other tasks end ({@link #markStageFinished}), later stages
   * see them missing and resubmit just those, and tasks stop preferring the executor's cache.
   */
  @Override
  public void executorLost(String executorId) {
    post(
        () -> {
          LOG.info("Forgetting the map outputs and cached blocks of lost executor {}", executorId);
          mapOutputs.removeOutputsOnExecutor(executorId);
          blocks.removeExecutor(executorId);
        });
  }

  @Override
  public void taskAttemptFailed(TaskSet taskSet, int partition) {
    post(
        () -> {
          Stage stage = stagesById.get(taskSet.stageId());
          if (stage != null) {
            statsFor(stage).forEach(s -> s.failedTasks++);
          }
        });
  }

  private void handleTaskEnded(
      TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {
    Stage stage = stagesById.get(taskSet.stageId());
    if (stage == null) {
      return; // The stage's job already ended.
    }
    // Failures are retried by the task scheduler, and aborts arrive through taskSetFailed.
    if (outcome instanceof TaskOutcome.Success success) {
      handleSuccess(stage, partition, success, locality);
    } else if (outcome instanceof TaskOutcome.FetchFailed fetch) {
      handleFetchFailure(stage, taskSet, fetch);
    }
  }

  private void handleSuccess(
      Stage stage, int partition, TaskOutcome.Success success, TaskLocality locality) {
    boolean counted;
    if (stage.isShuffleMap()) {
      counted = stage.pendingPartitions.remove(partition);
      mapOutputs.registerMapOutput(
          stage.shuffleDependency().orElseThrow().shuffleId(), (MapStatus) success.value());
    } else {
      ActiveJob job =
          activeJobs.stream().filter(j -> j.finalStage == stage).findFirst().orElse(null);
      if (job == null) {
        return;
      }
      int index = job.partitions.indexOf(partition);
      counted = index >= 0 && !job.finished[index];
      if (counted) {
        job.finished[index] = true;
        job.results[index] = success.value();
        job.numFinished++;
        stage.pendingPartitions.remove(partition);
      }
    }
    if (!counted) {
      return; // A duplicate or stale attempt: its accumulator updates must not count again.
    }
    List<Accumulator<?, ?>> merged = mergeAccumulators(success.accumulatorUpdates());
    for (ActiveJob job : activeJobs) {
      if (job.stages.contains(stage)) {
        merged.forEach(a -> job.accumulatorsUpdated.put(a.id(), a));
      }
    }
    for (ActiveJob.StageStats s : statsFor(stage)) {
      s.tasks++;
      s.locality.merge(locality, 1, Integer::sum);
      s.metrics.merge(success.metrics());
    }
    if (!stage.pendingPartitions.isEmpty() || !running.contains(stage)) {
      return;
    }
    markStageFinished(stage);
  }

  /** Merges task updates into the driver's accumulators; returns the driver's ones touched. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Accumulator<?, ?>> mergeAccumulators(List<Accumulator<?, ?>> updates) {
    List<Accumulator<?, ?>> touched = new ArrayList<>();
    for (Accumulator<?, ?> update : updates) {
      Optional<Accumulator<?, ?>> driverCopy = accumulators.apply(update.id());
      if (driverCopy.isPresent()) {
        ((Accumulator) driverCopy.get()).merge((Accumulator) update);
        touched.add(driverCopy.get());
      }
    }
    return touched;
  }

  private void markStageFinished(Stage stage) {
    if (running.remove(stage)) {
      stageEnded(stage, true);
    }
    stage.fetchFailedAttempts.clear();
    if (!stage.isShuffleMap()) {
      activeJobs.stream()
          .filter(j -> j.finalStage == stage && j.numFinished == j.partitions.size())
          .findFirst()
          .ifPresent(job -> finishJob(job, Optional.empty()));
      return;
    }
    if (!isAvailable(stage)) {
      // Some outputs were lost while the stage ran: run the missing partitions again.
      activeJobs.stream()
          .filter(j -> j.stages.contains(stage))
          .findFirst()
          .ifPresent(job -> submitStage(stage, job));
      return;
    }
    for (Stage child : List.copyOf(waiting)) {
      if (child.parents.stream().allMatch(this::isAvailable)) {
        waiting.remove(child);
        activeJobs.stream()
            .filter(j -> j.stages.contains(child))
            .findFirst()
            .ifPresent(job -> submitStage(child, job));
      }
    }
  }

  private void handleFetchFailure(Stage stage, TaskSet taskSet, TaskOutcome.FetchFailed fetch) {
    statsFor(stage).forEach(s -> s.failedTasks++);
    if (taskSet.stageAttempt() != stage.latestAttempt) {
      return; // An older attempt's failure: the stage was already resubmitted.
    }
    if (running.remove(stage)) {
      stageEnded(stage, false);
    }
    stage.fetchFailedAttempts.add(taskSet.stageAttempt());
    Stage mapStage = shuffleStages.get(fetch.shuffleId());
    if (!fetch.executorId().isEmpty()) {
      // A missing or unreadable block means that executor's shuffle files are gone: forget all of
      // its outputs of this shuffle at once rather than discovering them one resubmission at a
      // time (Spark similarly unregisters a lost executor's outputs on fetch failure).
      mapOutputs.removeOutputsOnExecutor(fetch.shuffleId(), fetch.executorId());
    }
    if (stage.fetchFailedAttempts.size() >= maxConsecutiveStageAttempts) {
      abortStage(
          stage,
          stage.name
              + " failed "
              + maxConsecutiveStageAttempts
              + " consecutive attempts ("
              + CoreOptions.STAGE_MAX_CONSECUTIVE_ATTEMPTS.key()
              + ") because shuffle outputs could not be fetched; last: "
              + (fetch.executorId().isEmpty() ? "" : "from executor " + fetch.executorId() + ": ")
              + fetch.message(),
          new dev.ember.shuffle.FetchFailedException(
              fetch.shuffleId(), fetch.mapId(), -1, fetch.executorId(), fetch.message(), null));
      return;
    }
    LOG.warn(
        "{} hit a fetch failure ({}); resubmitting its parent stage", stage.name, fetch.message());
    failed.add(stage);
    if (mapStage != null) {
      failed.add(mapStage);
    }
    var unused =
        eventLoop.schedule(() -> post(this::resubmitFailedStages), 200, TimeUnit.MILLISECONDS);
  }

  private void resubmitFailedStages() {
    List<Stage> toResubmit =
        failed.stream().sorted(Comparator.comparingInt(s -> s.id.id())).toList();
    failed.clear();
    for (Stage stage : toResubmit) {
      activeJobs.stream()
          .filter(j -> j.stages.contains(stage))
          .findFirst()
          .ifPresent(job -> submitStage(stage, job));
    }
  }

  private void abortStage(Stage stage, String reason, Throwable cause) {
    for (ActiveJob job : List.copyOf(activeJobs)) {
      if (job.stages.contains(stage)) {
        finishJob(job, Optional.of(new JobFailedException(job.id + " failed: " + reason, cause)));
      }
    }
  }

  private void finishJob(ActiveJob job, Optional<JobFailedException> failure) {
    if (!activeJobs.remove(job)) {
      return;
    }
    for (Stage stage : job.stages) {
      boolean usedElsewhere = activeJobs.stream().anyMatch(j -> j.stages.contains(stage));
      if (!usedElsewhere) {
        if (running.remove(stage)) {
          taskScheduler.cancelStage(stage.id.id());
          stageEnded(stage, false);
        }
        waiting.remove(stage);
        failed.remove(stage);
      }
    }
    stagesById.remove(job.finalStage.id.id());
    JobSummary summary =
        job.summarize(failure.map(Throwable::getMessage), taskScheduler.exclusions());
    LOG.info(
        "{} {} in {} ms",
        job.id,
        failure.isPresent() ? "failed" : "finished",
        summary.wallTime().toMillis());
    notifyListeners(l -> l.onJobEnd(summary));
    if (failure.isPresent()) {
      job.future.completeExceptionally(failure.get());
    } else {
      job.future.complete(java.util.Arrays.asList(job.results));
    }
  }

  private void stageEnded(Stage stage, boolean succeeded) {
    notifyListeners(l -> l.onStageCompleted(stage.id, stage.latestAttempt, succeeded));
  }

  /** Calls every listener on the event thread; one that throws does not stop the others. */
  private void notifyListeners(java.util.function.Consumer<JobListener> event) {
    for (JobListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("job listener {} failed", listener, e);
      }
    }
  }

  /** Stops the event thread; running jobs are not waited for. */
  @Override
  public void close() {
    eventLoop.shutdownNow();
  }
}
