package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.execution.TaskOutcomeCodec;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoRecordSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Offer rounds of the {@link TaskScheduler} on a fake clock: rack-local placement with racks from
 * the topology mapping, SPARK-18886's wait rule across executors, and the pending locality demand.
 */
class TaskSchedulerLocalityTest {
  private final AtomicLong now = new AtomicLong(10_000);
  private final long start = now.get();

  /** The task each executor is running, if any (every executor has one slot). */
  private final Map<String, TaskDescription> runningOn = new HashMap<>();

  private TaskScheduler scheduler(EmberConf conf, Map<String, String> racks) {
    TaskScheduler scheduler =
        new TaskScheduler(
            conf,
            new TaskOutcomeCodec(new KryoRecordSerializer()),
            new TaskEventListener() {
              @Override
              public void taskEnded(
                  TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {}

              @Override
              public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {}
            },
            new OutputCommitCoordinator(),
            now::get,
            RackResolver.of(racks));
    scheduler.start(new IdleSchedulerBackend(1));
    return scheduler;
  }

  private static EmberConf waits(String node, String rack) {
    return EmberConf.empty()
        .with(CoreOptions.LOCALITY_WAIT_NODE, Duration.parse(node))
        .with(CoreOptions.LOCALITY_WAIT_RACK, Duration.parse(rack));
  }

  private static TaskSet taskSet(int stageId, List<List<TaskLocation>> prefs) {
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < prefs.size(); i++) {
      partitions.add(i);
    }
    return new TaskSet(0, stageId, 0, "stage-" + stageId, partitions, prefs, new byte[0]);
  }

  /** One offer round at {@code millis} after the start, for every executor without a task. */
  private List<TaskDescription> round(TaskScheduler scheduler, long millis, String... executors) {
    now.set(start + millis);
    List<WorkerOffer> offers = new ArrayList<>();
    for (String e : executors) {
      if (!runningOn.containsKey(e)) {
        offers.add(new WorkerOffer(e, "h" + e.substring(1), 1));
      }
    }
    List<TaskDescription> launched = scheduler.resourceOffers(offers);
    launched.forEach(t -> runningOn.put(t.executorId(), t));
    return launched;
  }

  private void finish(TaskScheduler scheduler, String executor) {
    TaskDescription t = runningOn.remove(executor);
    scheduler.handleOutcome(
        t.taskAttemptId(), new TaskOutcome.Success(null, List.of(), new TaskMetrics()));
  }

  private static Map<String, TaskLocality> placed(List<TaskDescription> launched) {
    Map<String, TaskLocality> byExecutor = new HashMap<>();
    launched.forEach(t -> byExecutor.put(t.executorId(), t.locality()));
    return byExecutor;
  }

  @Test
  void anExecutorOnTheDataRackGetsATaskAfterTheNodeWaitAndOneOnAnotherRackAfterTheRackWait() {
    // e1 on h1 holds the data (rack r1); e2 shares the rack, e3 is on rack r2.
    TaskScheduler scheduler =
        scheduler(waits("PT3S", "PT5S"), Map.of("h1", "r1", "h2", "r1", "h3", "r2"));
    for (String e : List.of("e1", "e2", "e3")) {
      scheduler.executorAdded(e, "h" + e.substring(1));
    }
    scheduler.submitTasks(taskSet(1, Collections.nCopies(3, List.of(TaskLocation.host("h1")))));

    assertThat(placed(round(scheduler, 0, "e1", "e2", "e3")))
        .containsExactly(Map.entry("e1", TaskLocality.NODE_LOCAL));
    assertThat(round(scheduler, 2_999, "e1", "e2", "e3")).isEmpty();
    assertThat(placed(round(scheduler, 3_000, "e1", "e2", "e3")))
        .as("the node wait is over: same rack")
        .containsExactly(Map.entry("e2", TaskLocality.RACK_LOCAL));
    assertThat(round(scheduler, 7_999, "e1", "e2", "e3")).isEmpty();
    assertThat(placed(round(scheduler, 8_000, "e1", "e2", "e3")))
        .as("the rack wait is over too")
        .containsExactly(Map.entry("e3", TaskLocality.ANY));
  }

  @Test
  void freeExecutorsGetTasksOnceTheirSlotsWentUnusedForTheNodeWait() {
    // SPARK-18886: ten tasks prefer h1; e1's tasks end every second, e2 and e3 are free.
    TaskScheduler scheduler = scheduler(EmberConf.empty(), Map.of());
    String[] all = {"e1", "e2", "e3"};
    for (String e : all) {
      scheduler.executorAdded(e, "h" + e.substring(1));
    }
    scheduler.submitTasks(taskSet(1, Collections.nCopies(10, List.of(TaskLocation.host("h1")))));

    for (long t = 0; t < 3_000; t += 1_000) {
      assertThat(placed(round(scheduler, t, all)))
          .as("at %s ms", t)
          .containsExactly(Map.entry("e1", TaskLocality.NODE_LOCAL));
      finish(scheduler, "e1");
    }
    assertThat(placed(round(scheduler, 3_000, all)))
        .containsOnly(
            Map.entry("e1", TaskLocality.NODE_LOCAL),
            Map.entry("e2", TaskLocality.ANY),
            Map.entry("e3", TaskLocality.ANY));
    for (long t = 4_000; t < 7_000; t += 1_000) {
      finish(scheduler, "e1");
      round(scheduler, t, all);
      assertThat(runningOn).as("all executors busy at %s ms", t).containsOnlyKeys(all);
    }
  }

  @Test
  void withTheLegacyRuleOneBusyExecutorKeepsTheOthersIdle() {
    TaskScheduler scheduler =
        scheduler(EmberConf.empty().with(CoreOptions.LOCALITY_WAIT_LEGACY_RESET, true), Map.of());
    String[] all = {"e1", "e2", "e3"};
    for (String e : all) {
      scheduler.executorAdded(e, "h" + e.substring(1));
    }
    scheduler.submitTasks(taskSet(1, Collections.nCopies(10, List.of(TaskLocation.host("h1")))));

    for (long t = 0; t < 8_000; t += 1_000) {
      assertThat(placed(round(scheduler, t, all)))
          .as("at %s ms", t)
          .containsExactly(Map.entry("e1", TaskLocality.NODE_LOCAL));
      finish(scheduler, "e1");
    }
  }

  @Test
  void aZeroWaitPlacesEveryTaskAtOnce() {
    TaskScheduler scheduler =
        scheduler(EmberConf.empty().with(CoreOptions.LOCALITY_WAIT, Duration.ZERO), Map.of());
    String[] all = {"e1", "e2", "e3"};
    for (String e : all) {
      scheduler.executorAdded(e, "h" + e.substring(1));
    }
    scheduler.submitTasks(taskSet(1, Collections.nCopies(3, List.of(TaskLocation.host("h1")))));

    assertThat(placed(round(scheduler, 0, all)))
        .containsOnly(
            Map.entry("e1", TaskLocality.NODE_LOCAL),
            Map.entry("e2", TaskLocality.ANY),
            Map.entry("e3", TaskLocality.ANY));
  }

  @Test
  void pendingDemandCountsWaitingTasksByHostAndRack() {
    TaskScheduler scheduler = scheduler(EmberConf.empty(), Map.of("h1", "r1", "h2", "r1"));
    scheduler.executorAdded("e1", "h1");
    scheduler.submitTasks(
        taskSet(
            1,
            List.of(
                List.of(TaskLocation.host("h1"), TaskLocation.host("h2")),
                List.of(TaskLocation.host("h2")),
                List.of(TaskLocation.host("h3", "r2")),
                List.of())));
    scheduler.submitTasks(taskSet(2, List.of(List.of(TaskLocation.host("h1")))));

    assertThat(scheduler.pendingLocalityDemand())
        .isEqualTo(
            new LocalityDemand(5, 4, Map.of("h1", 2, "h2", 2, "h3", 1), Map.of("r1", 3, "r2", 1)));

    // e1 runs the first task of stage 1 (node-local on h1): it is no longer pending.
    assertThat(round(scheduler, 0, "e1")).hasSize(1);
    assertThat(scheduler.pendingLocalityDemand())
        .isEqualTo(
            new LocalityDemand(4, 3, Map.of("h1", 1, "h2", 1, "h3", 1), Map.of("r1", 2, "r2", 1)));
  }
}
