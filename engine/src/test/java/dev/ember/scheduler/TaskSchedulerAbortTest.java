package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.execution.TaskOutcomeCodec;
import dev.ember.serializer.KryoRecordSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster manager aborting the scheduler (e.g. YARN: too many executor containers failed). */
class TaskSchedulerAbortTest {
  private final List<String> failed = new ArrayList<>();
  private final TaskScheduler scheduler =
      new TaskScheduler(
          EmberConf.empty(),
          new TaskOutcomeCodec(new KryoRecordSerializer()),
          new TaskEventListener() {
            @Override
            public void taskEnded(
                TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {}

            @Override
            public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
              failed.add(taskSet.stageName() + ": " + reason);
            }
          },
          new OutputCommitCoordinator(),
          () -> 0L);

  TaskSchedulerAbortTest() {
    scheduler.start(new IdleSchedulerBackend(2));
  }

  @Test
  void abortFailsActiveAndLaterTaskSetsWithTheReason() {
    scheduler.submitTasks(taskSet(1, 2));
    assertThat(scheduler.progress()).hasValue(0.0);

    scheduler.abort("4 executor containers failed");
    scheduler.submitTasks(taskSet(2, 1));

    assertThat(failed)
        .containsExactly(
            "stage-1: 4 executor containers failed", "stage-2: 4 executor containers failed");
    assertThat(scheduler.hasActiveTaskSets()).isFalse();
    assertThat(scheduler.progress()).isEmpty();
    assertThat(scheduler.resourceOffers(List.of(new WorkerOffer("1", "h", 4)))).isEmpty();
  }

  @Test
  void progressIsTheFinishedFractionOfTheActiveTaskSets() {
    assertThat(scheduler.progress()).isEmpty();
    scheduler.submitTasks(taskSet(1, 4));
    List<TaskDescription> tasks = scheduler.resourceOffers(List.of(new WorkerOffer("1", "h", 1)));
    assertThat(tasks).hasSize(1);

    scheduler.handleOutcome(
        tasks.get(0).taskAttemptId(),
        new TaskOutcome.Success(null, List.of(), new dev.ember.metrics.TaskMetrics()));

    assertThat(scheduler.progress()).hasValue(0.25);
  }

  private static TaskSet taskSet(int stageId, int partitions) {
    List<Integer> ids = new ArrayList<>();
    List<List<TaskLocation>> prefs = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      ids.add(i);
      prefs.add(List.of());
    }
    return new TaskSet(0, stageId, 0, "stage-" + stageId, ids, prefs, new byte[0]);
  }
}
