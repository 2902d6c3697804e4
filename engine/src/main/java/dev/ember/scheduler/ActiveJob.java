package dev.ember.scheduler;

import dev.ember.Accumulator;
import dev.ember.metrics.TaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A running job's state in the {@link DagScheduler}: which result partitions are done, their
 * results, the stages it needs, and per-stage counters for its {@link JobSummary}. Used only on the
 * DAG scheduler's event thread.
 */
final class ActiveJob {
  final JobId id;
  final String callSite;
  final Stage finalStage;
  final List<Integer> partitions;
  final Object[] results;
  final boolean[] finished;
  int numFinished;
  final Set<Stage> stages = new HashSet<>();
  final Map<Long, Accumulator<?, ?>> accumulatorsUpdated = new LinkedHashMap<>();
  final CompletableFuture<List<Object>> future = new CompletableFuture<>();
  private final Map<Stage, StageStats> stats = new LinkedHashMap<>();
  private final long startNanos = System.nanoTime();

  /** Counters of one stage within this job. */
  static final class StageStats {
    int tasks;
    int attempts;
    int failedTasks;
    int speculativeTasks;
    final Map<TaskLocality, Integer> locality = new EnumMap<>(TaskLocality.class);
    final TaskMetrics metrics = new TaskMetrics();
  }

  ActiveJob(JobId id, String callSite, Stage finalStage, List<Integer> partitions) {
    this.id = id;
    this.callSite = callSite;
    this.finalStage = finalStage;
    this.partitions = partitions;
    this.results = new Object[partitions.size()];
    this.finished = new boolean[partitions.size()];
  }

  /** The counters of {@code stage} in this job, created when the stage first runs. */
  StageStats statsFor(Stage stage) {
    return stats.computeIfAbsent(stage, s -> new StageStats());
  }

  /**
   * The job's summary; stages that never ran in this job are reported as skipped.
   *
   * @param exclusions the application-wide exclusions on failure now ({@link JobSummary})
   */
  JobSummary summarize(Optional<String> failure, List<String> exclusions) {
    List<StageSummary> summaries = new ArrayList<>();
    stages.stream()
        .sorted(Comparator.comparingInt(s -> s.id.id()))
        .forEach(
            stage -> {
              StageStats s = stats.get(stage);
              String name = stage.dataset.creationSite();
              summaries.add(
                  s == null
                      ? new StageSummary(
                          stage.id, name, 0, 0, 0, 0, true, Map.of(), new TaskMetrics())
                      : new StageSummary(
                          stage.id,
                          name,
                          s.tasks,
                          s.attempts,
                          s.failedTasks,
                          s.speculativeTasks,
                          false,
                          s.locality,
                          s.metrics));
            });
    Map<String, Object> accumulatorValues = new LinkedHashMap<>();
    for (Accumulator<?, ?> a : accumulatorsUpdated.values()) {
      if (a.name() != null) {
        accumulatorValues.put(a.name(), a.value());
      }
    }
    return new JobSummary(
        id,
        callSite,
        summaries,
        Duration.ofNanos(System.nanoTime() - startNanos),
        failure,
        accumulatorValues,
        exclusions);
  }
}
