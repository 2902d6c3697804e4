package dev.ember.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a finished job did, in stage order.
 *
 * @param jobId the job
 * @param name the action's call site, e.g. "collect at WordCount.java:44"
 * @param stages the job's stages (skipped ones included)
 * @param wallTime from submission to end
 * @param failure the failure message if the job failed
 */
public record JobSummary(
    JobId jobId,
    String name,
    List<StageSummary> stages,
    Duration wallTime,
    Optional<String> failure) {
  public JobSummary {
    stages = List.copyOf(stages);
  }

  /** Whether the job succeeded. */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
