package dev.ember.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished job did, in stage order.
 *
 * @param jobId the job
 * @param name the action's call site, e.g. "collect at WordCount.java:44"
 * @param stages the job's stages (skipped ones included)
 * @param wallTime from submission to end
 * @param failure the failure message if the job failed
 * @param accumulators the named accumulators this job's tasks updated, by name, with their values
 *     on the driver when the job ended (e.g. {@code csv.malformedRows}); unnamed ones are left out
 * @param exclusions the executors and hosts excluded for the application when the job ended because
 *     tasks kept failing there ({@code ember.excludeOnFailure.*}), one line each, e.g. "executor 3
 *     on host h2: 2 task failures, excluded until 2026-01-01T12:00:00Z"; empty when none is (always
 *     when exclusion on failure is off)
 */
public record JobSummary(
    JobId jobId,
    String name,
    List<StageSummary> stages,
    Duration wallTime,
    Optional<String> failure,
    Map<String, Object> accumulators,
    List<String> exclusions) {
  public JobSummary {
    stages = List.copyOf(stages);
    exclusions = List.copyOf(exclusions);
    accumulators = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accumulators));
  }

  /**
   * Successful tasks of all stages by locality level (PROCESS_LOCAL, NODE_LOCAL, NO_PREF,
   * RACK_LOCAL, ANY), every level present, in that order.
   */
  public Map<TaskLocality, Integer> localityCounts() {
    Map<TaskLocality, Integer> counts = new java.util.EnumMap<>(TaskLocality.class);
    for (TaskLocality level : TaskLocality.values()) {
      counts.put(level, stages.stream().mapToInt(s -> s.tasksAt(level)).sum());
    }
    return java.util.Collections.unmodifiableMap(counts);
  }

  /** Whether the job succeeded. */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
