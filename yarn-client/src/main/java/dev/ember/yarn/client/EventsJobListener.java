package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.scheduler.JobId;
import dev.ember.scheduler.JobListener;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a driver's job and stage events to ember-submit's {@code --events} stream: {@code
 * jobStart}, {@code stageStart}, {@code stageEnd} (with the attempt's failed task attempts) and
 * {@code jobEnd} with the job summary (locality counts, bytes). Registered through {@code
 * DriverListeners} while a client-deploy-mode driver runs in the ember-submit JVM. Called on the
 * DAG scheduler's event thread (one at a time), except task events, which may come from scheduler
 * threads: the per-attempt counters are concurrent.
 */
final class EventsJobListener implements JobListener {
  private final SubmitEvents events;
  private final Map<String, Integer> tasksByAttempt = new ConcurrentHashMap<>();
  private final Map<String, Integer> failedByAttempt = new ConcurrentHashMap<>();

  EventsJobListener(SubmitEvents events) {
    this.events = requireNonNull(events, "events is null");
  }

  @Override
  public void onJobStart(JobId job, String name, List<StageId> stages) {
    events.jobStart(job.id(), stages.stream().map(StageId::id).toList());
  }

  @Override
  public void onStageSubmitted(StageId stage, int attempt, String name, int tasks) {
    tasksByAttempt.put(key(stage, attempt), tasks);
    failedByAttempt.put(key(stage, attempt), 0);
    events.stageStart(stage.id(), attempt, tasks);
  }

  @Override
  public void onTaskEnd(StageId stage, int attempt, int partition, boolean succeeded) {
    if (!succeeded) {
      failedByAttempt.merge(key(stage, attempt), 1, Integer::sum);
    }
  }

  @Override
  public void onStageCompleted(StageId stage, int attempt, boolean succeeded) {
    String key = key(stage, attempt);
    int tasks = Optional.ofNullable(tasksByAttempt.remove(key)).orElse(0);
    int failed = Optional.ofNullable(failedByAttempt.remove(key)).orElse(0);
    events.stageEnd(
        stage.id(),
        attempt,
        tasks,
        failed,
        succeeded ? Optional.empty() : Optional.of("stage attempt failed or was cancelled"));
  }

  @Override
  public void onJobEnd(JobSummary summary) {
    events.jobEnd(summary);
  }

  private static String key(StageId stage, int attempt) {
    return stage.id() + "." + attempt;
  }
}
