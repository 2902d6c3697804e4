package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.ConfigException;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.execution.TaskOutcomeCodec;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoRecordSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Exclusion on failure in the {@link TaskScheduler} ({@link TaskSetExclusion}, {@link
 * ExecutorHealthTracker}) on a fake clock: executors e1 and e2 run on host hA, e3 on hB; tasks have
 * no preferred locations.
 */
class TaskSchedulerExclusionTest {
  private static final Map<String, String> HOSTS = Map.of("e1", "hA", "e2", "hA", "e3", "hB");

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<String> failedSets = new ArrayList<>();

  private static EmberConf enabled() {
    return EmberConf.empty().with(CoreOptions.EXCLUDE_ON_FAILURE_ENABLED, true);
  }

  private TaskScheduler scheduler(EmberConf conf, String... executors) {
    TaskScheduler scheduler =
        new TaskScheduler(
            conf,
            new TaskOutcomeCodec(new KryoRecordSerializer()),
            new TaskEventListener() {
              @Override
              public void taskEnded(
                  TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {}

              @Override
              public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
                failedSets.add(taskSet.stageName() + ": " + reason);
              }
            },
            new OutputCommitCoordinator(),
            now::get);
    scheduler.start(new IdleSchedulerBackend(2));
    for (String e : executors) {
      scheduler.executorAdded(e, HOSTS.get(e));
    }
    return scheduler;
  }

  private static TaskSet taskSet(int stageId, int tasks) {
    List<Integer> partitions = new ArrayList<>();
    List<List<TaskLocation>> prefs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      partitions.add(i);
      prefs.add(List.of());
    }
    return new TaskSet(0, stageId, 0, "stage-" + stageId, partitions, prefs, new byte[0]);
  }

  /** Offers {@code slots} free slots of one executor. */
  private static List<TaskDescription> offer(TaskScheduler scheduler, String executor, int slots) {
    return scheduler.resourceOffers(List.of(new WorkerOffer(executor, HOSTS.get(executor), slots)));
  }

  private static void fail(TaskScheduler scheduler, TaskDescription task) {
    scheduler.handleOutcome(
        task.taskAttemptId(),
        new TaskOutcome.Failed(
            new IllegalStateException("boom on " + task.executorId()), new TaskMetrics()));
  }

  private static void succeed(TaskScheduler scheduler, TaskDescription task) {
    scheduler.handleOutcome(
        task.taskAttemptId(), new TaskOutcome.Success(null, List.of(), new TaskMetrics()));
  }

  @Test
  void disabledByDefaultAFailedTaskIsRetriedOnTheSameExecutor() {
    TaskScheduler scheduler = scheduler(EmberConf.empty(), "e1", "e2");
    scheduler.submitTasks(taskSet(1, 1));
    for (int attempt = 0; attempt < 3; attempt++) {
      List<TaskDescription> launched = offer(scheduler, "e1", 1);
      assertThat(launched).extracting(TaskDescription::attemptNumber).containsExactly(attempt);
      fail(scheduler, launched.get(0));
    }
    assertThat(scheduler.pendingLocalityDemand().excludedHosts()).isEmpty();
    assertThat(failedSets).isEmpty();
  }

  @Test
  void aFailedTaskIsNotRetriedOnItsExecutorButOnAnother() {
    TaskScheduler scheduler = scheduler(enabled(), "e1", "e2");
    scheduler.submitTasks(taskSet(1, 2));
    List<TaskDescription> first = offer(scheduler, "e1", 1);
    assertThat(first).extracting(TaskDescription::partition).containsExactly(0);
    fail(scheduler, first.get(0));

    // e1 may still run task 1, which never failed there, but not task 0 again.
    List<TaskDescription> onE1 = offer(scheduler, "e1", 2);
    assertThat(onE1).extracting(TaskDescription::partition).containsExactly(1);
    List<TaskDescription> onE2 = offer(scheduler, "e2", 1);
    assertThat(onE2).extracting(TaskDescription::partition).containsExactly(0);
    assertThat(onE2.get(0).attemptNumber()).isEqualTo(1);
  }

  @Test
  void anExecutorWhereTwoTasksOfAStageFailedGetsNoMoreTasksOfThatStage() {
    TaskScheduler scheduler = scheduler(enabled(), "e1", "e2");
    scheduler.submitTasks(taskSet(1, 3));
    List<TaskDescription> launched = offer(scheduler, "e1", 2);
    assertThat(launched).hasSize(2);
    launched.forEach(t -> fail(scheduler, t));

    assertThat(offer(scheduler, "e1", 3)).as("e1 is excluded for stage 1").isEmpty();
    assertThat(offer(scheduler, "e2", 3)).hasSize(3);

    // Another stage may still use e1.
    scheduler.submitTasks(taskSet(2, 1));
    assertThat(offer(scheduler, "e1", 1)).extracting(TaskDescription::stageId).containsExactly(2);
  }

  @Test
  void failuresInASucceededStageExcludeTheExecutorAndHostForTheApplicationUntilTheTimeout() {
    TaskScheduler scheduler =
        scheduler(
            enabled().with(CoreOptions.EXCLUDE_APP_MAX_FAILED_EXECUTORS_PER_NODE, 1),
            "e1",
            "e2",
            "e3");
    scheduler.submitTasks(taskSet(1, 2));
    offer(scheduler, "e1", 2).forEach(t -> fail(scheduler, t));
    assertThat(scheduler.pendingLocalityDemand().excludedHosts())
        .as("not before the stage succeeds")
        .isEmpty();
    offer(scheduler, "e3", 2).forEach(t -> succeed(scheduler, t));

    // 2 task failures on e1 (application.maxFailedTasksPerExecutor=2); 1 excluded executor
    // excludes hA (application.maxFailedExecutorsPerNode=1), so e2 too.
    assertThat(scheduler.pendingLocalityDemand().excludedHosts()).containsExactly("hA");
    assertThat(scheduler.exclusions())
        .containsExactly(
            "executor e1 on host hA: 2 task failures, excluded until 1970-01-01T01:16:40Z",
            "host hA: excluded until 1970-01-01T01:16:40Z");
    scheduler.submitTasks(taskSet(2, 1));
    assertThat(offer(scheduler, "e1", 1)).isEmpty();
    assertThat(offer(scheduler, "e2", 1)).isEmpty();
    assertThat(scheduler.pendingLocalityDemand().pendingTasks()).isEqualTo(1);

    now.addAndGet(Duration.ofHours(1).toMillis());
    assertThat(scheduler.pendingLocalityDemand().excludedHosts()).isEmpty();
    assertThat(scheduler.exclusions()).isEmpty();
    assertThat(offer(scheduler, "e2", 1)).extracting(TaskDescription::stageId).containsExactly(2);
  }

  @Test
  void aTaskEveryExecutorIsExcludedForFailsItsStageAfterTheUnschedulableTimeout() {
    TaskScheduler scheduler = scheduler(enabled(), "e1", "e2");
    scheduler.submitTasks(taskSet(1, 1));
    fail(scheduler, offer(scheduler, "e1", 1).get(0));
    fail(scheduler, offer(scheduler, "e2", 1).get(0)); // 2 failures on hA: hA is excluded for it

    assertThat(offer(scheduler, "e1", 1)).isEmpty(); // the timer starts
    now.addAndGet(Duration.ofSeconds(120).toMillis() - 1);
    assertThat(offer(scheduler, "e2", 1)).isEmpty();
    assertThat(failedSets).isEmpty();
    now.addAndGet(1);
    assertThat(offer(scheduler, "e2", 1)).isEmpty();

    assertThat(failedSets).hasSize(1);
    assertThat(failedSets.get(0))
        .startsWith("stage-1: task 0 (partition 0) of stage-1 cannot run anywhere")
        .contains(
            "executor e1: the task failed 2 time(s) on host hA"
                + " (ember.excludeOnFailure.task.maxTaskAttemptsPerNode=2)",
            "executor e2: the task failed 2 time(s) on host hA",
            "ember.excludeOnFailure.unschedulableTaskSetTimeout",
            "ember.excludeOnFailure.enabled=false",
            "most recent failure: java.lang.IllegalStateException: boom on e2");
    assertThat(scheduler.hasActiveTaskSets()).isFalse();
  }

  @Test
  void aNewExecutorOnAnotherHostRescuesAnUnschedulableTask() {
    TaskScheduler scheduler =
        scheduler(
            enabled().with(CoreOptions.EXCLUDE_UNSCHEDULABLE_TIMEOUT, Duration.ofSeconds(10)),
            "e1",
            "e2");
    scheduler.submitTasks(taskSet(1, 1));
    fail(scheduler, offer(scheduler, "e1", 1).get(0));
    fail(scheduler, offer(scheduler, "e2", 1).get(0));
    assertThat(offer(scheduler, "e1", 1)).isEmpty(); // the timer starts

    now.addAndGet(9_000);
    scheduler.executorAdded("e3", "hB");
    assertThat(offer(scheduler, "e3", 1))
        .extracting(TaskDescription::attemptNumber)
        .containsExactly(2);
    now.addAndGet(60_000);
    assertThat(offer(scheduler, "e1", 1)).isEmpty();
    assertThat(failedSets).isEmpty();
  }

  @Test
  void aPerNodeLimitNotBelowMaxFailuresIsRejected() {
    assertThatThrownBy(
            () ->
                scheduler(
                    enabled()
                        .with(CoreOptions.TASK_MAX_FAILURES, 2)
                        .with(CoreOptions.EXCLUDE_TASK_MAX_ATTEMPTS_PER_NODE, 2)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "ember.excludeOnFailure.task.maxTaskAttemptsPerNode (2) must be below"
                + " ember.task.maxFailures (2) when ember.excludeOnFailure.enabled is true");
    assertThatThrownBy(
            () ->
                EmberConf.empty()
                    .with("ember.excludeOnFailure.stage.maxFailedTasksPerExecutor", "0")
                    .get(CoreOptions.EXCLUDE_STAGE_MAX_FAILED_TASKS_PER_EXECUTOR))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ember.excludeOnFailure.stage.maxFailedTasksPerExecutor: \"0\" is invalid; the value"
                + " must be at least 1");
  }
}
