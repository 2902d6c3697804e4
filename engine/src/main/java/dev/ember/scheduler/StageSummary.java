package dev.ember.scheduler;

import dev.ember.metrics.TaskMetrics;
import java.util.Map;

/**
 * What one stage of a finished job did: for job summaries, listeners and (later) the event stream.
 *
 * @param stageId the stage
 * @param name e.g. "reduceByKey at WordCount.java:40"
 * @param tasks number of successful tasks counted (0 if the stage was skipped)
 * @param attempts number of stage attempts run in this job
 * @param failedTasks task attempts of this stage in this job that did not succeed: failed (and
 *     retried, up to {@code ember.task.maxFailures}), lost with their executor (and re-run), or
 *     failed to fetch shuffle input (the stage was resubmitted)
 * @param speculativeTasks speculative copies of slow tasks launched for this stage in this job
 *     ({@code ember.speculation}); whichever attempt of a task succeeds first is the one counted in
 *     {@code tasks} and {@code metrics}, the other one is killed and counted nowhere else
 * @param skipped whether the stage's shuffle output already existed, so it did not run
 * @param localityCounts successful tasks by locality level (levels without tasks may be absent);
 *     {@code metrics.localityCounts()} holds the same counts as the executors reported them
 * @param metrics sum of the successful tasks' counters
 */
public record StageSummary(
    StageId stageId,
    String name,
    int tasks,
    int attempts,
    int failedTasks,
    int speculativeTasks,
    boolean skipped,
    Map<TaskLocality, Integer> localityCounts,
    TaskMetrics metrics) {
  public StageSummary {
    localityCounts = Map.copyOf(localityCounts);
  }

  /** Successful tasks of this stage that ran at {@code level}; 0 if none. */
  public int tasksAt(TaskLocality level) {
    return localityCounts.getOrDefault(level, 0);
  }
}
