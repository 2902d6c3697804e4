package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.execution.TaskDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Locality preference, delay scheduling and retry accounting of one task set, on a fake clock. */
class TaskSetManagerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicLong ids = new AtomicLong();
  private final Map<TaskLocality, Duration> waits = new EnumMap<>(TaskLocality.class);

  TaskSetManagerTest() {
    waits.put(TaskLocality.PROCESS_LOCAL, Duration.ofSeconds(3));
    waits.put(TaskLocality.NODE_LOCAL, Duration.ofSeconds(3));
    waits.put(TaskLocality.NO_PREF, Duration.ZERO);
    waits.put(TaskLocality.RACK_LOCAL, Duration.ofSeconds(3));
  }

  private TaskSetManager manager(List<List<TaskLocation>> prefs, int maxFailures) {
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < prefs.size(); i++) {
      partitions.add(i);
    }
    TaskSet set = new TaskSet(0, 1, 0, "stage-1 (test)", partitions, prefs, new byte[0]);
    return new TaskSetManager(set, maxFailures, waits, now::get, ids::incrementAndGet);
  }

  private TaskSetManager manager(
      List<List<TaskLocation>> prefs, Map<String, String> racks, boolean legacyReset) {
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < prefs.size(); i++) {
      partitions.add(i);
    }
    TaskSet set = new TaskSet(0, 1, 0, "stage-1 (test)", partitions, prefs, new byte[0]);
    return new TaskSetManager(
        set,
        4,
        waits,
        now::get,
        ids::incrementAndGet,
        h -> Optional.ofNullable(racks.get(h)),
        legacyReset);
  }

  private static List<List<TaskLocation>> times(int n, List<TaskLocation> prefs) {
    return java.util.Collections.nCopies(n, prefs);
  }

  private static Optional<String> rack(String rack) {
    return Optional.of(rack);
  }

  private static List<TaskLocation> onHost(String host) {
    return List.of(TaskLocation.host(host));
  }

  @Test
  void aNodeLocalTaskGoesToItsHostFirst() {
    TaskSetManager m = manager(List.of(onHost("h1"), onHost("h2")), 4);
    m.updateLevels(Set.of("e1", "e2"), Set.of("h1", "h2"));

    Optional<TaskDescription> onH2 = m.resourceOffer("e2", "h2", TaskLocality.ANY);

    assertThat(onH2).isPresent();
    assertThat(onH2.get().partition()).isEqualTo(1);
    assertThat(onH2.get().locality()).isEqualTo(TaskLocality.NODE_LOCAL);
  }

  @Test
  void aSlotOnAnotherHostWaitsForTheLocalityWaitThenTakesTheTask() {
    TaskSetManager m = manager(List.of(onHost("h1")), 4);
    m.updateLevels(Set.of("e1", "e3"), Set.of("h1", "h3"));

    assertThat(m.resourceOffer("e3", "h3", TaskLocality.ANY)).as("at once").isEmpty();
    now.addAndGet(2_999);
    assertThat(m.resourceOffer("e3", "h3", TaskLocality.ANY)).as("after 2.999 s").isEmpty();
    now.addAndGet(1);
    Optional<TaskDescription> task = m.resourceOffer("e3", "h3", TaskLocality.ANY);

    assertThat(task).isPresent();
    assertThat(task.get().locality()).isEqualTo(TaskLocality.ANY);
  }

  @Test
  void preferencesForHostsWithoutExecutorsDoNotDelay() {
    TaskSetManager m = manager(List.of(onHost("gone-host")), 4);
    m.updateLevels(Set.of("e1"), Set.of("h1"));

    assertThat(m.levels()).containsExactly(TaskLocality.ANY);
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.ANY)).isPresent();
  }

  @Test
  void tasksWithoutPreferencesRunAnywhereAtOnce() {
    TaskSetManager m = manager(List.of(List.of(), List.of()), 4);
    m.updateLevels(Set.of("e1"), Set.of("h1"));

    Optional<TaskDescription> task = m.resourceOffer("e1", "h1", TaskLocality.NO_PREF);
    assertThat(task).isPresent();
    assertThat(task.get().locality()).isEqualTo(TaskLocality.NO_PREF);
  }

  @Test
  void aCachedPartitionIsProcessLocalOnItsExecutor() {
    TaskSetManager m = manager(List.of(List.of(TaskLocation.executor("h1", "e1"))), 4);
    m.updateLevels(Set.of("e1", "e2"), Set.of("h1"));

    assertThat(m.resourceOffer("e2", "h1", TaskLocality.ANY))
        .as("same host, other executor: NODE_LOCAL is allowed only after the process wait")
        .isEmpty();
    Optional<TaskDescription> task = m.resourceOffer("e1", "h1", TaskLocality.ANY);
    assertThat(task).isPresent();
    assertThat(task.get().locality()).isEqualTo(TaskLocality.PROCESS_LOCAL);
  }

  @Test
  void aFailedTaskIsRetriedUntilMaxFailuresThenTheSetAborts() {
    TaskSetManager m = manager(List.of(List.of()), 3);
    m.updateLevels(Set.of("e1"), Set.of("h1"));

    for (int attempt = 0; attempt < 2; attempt++) {
      TaskDescription t = m.resourceOffer("e1", "h1", TaskLocality.ANY).orElseThrow();
      assertThat(t.attemptNumber()).isEqualTo(attempt);
      assertThat(m.taskFailed(0, true)).as("abort after attempt %s", attempt).isFalse();
    }
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.ANY)).isPresent();
    assertThat(m.taskFailed(0, true)).as("abort after the third failure").isTrue();
    assertThat(m.isZombie()).isTrue();
  }

  @Test
  void anExecutorLossDoesNotCountAsATaskFailure() {
    TaskSetManager m = manager(List.of(List.of()), 1);
    m.updateLevels(Set.of("e1"), Set.of("h1"));
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.ANY)).isPresent();

    assertThat(m.taskFailed(0, false)).isFalse();
    TaskDescription retry = m.resourceOffer("e1", "h1", TaskLocality.ANY).orElseThrow();
    assertThat(retry.attemptNumber()).isEqualTo(1);
    assertThat(m.failures(0)).isZero();
  }

  @Test
  void aSecondSuccessOfAPartitionIsReportedAsADuplicate() {
    TaskSetManager m = manager(List.of(List.of(), List.of()), 4);
    m.updateLevels(Set.of("e1"), Set.of("h1"));
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.ANY)).isPresent();

    assertThat(m.taskSucceeded(0)).isTrue();
    assertThat(m.taskSucceeded(0)).isFalse();
    assertThat(m.isFinished()).isFalse();
  }

  @Test
  void eachLevelOpensAfterItsOwnWait() {
    waits.put(TaskLocality.PROCESS_LOCAL, Duration.ofSeconds(1));
    waits.put(TaskLocality.NODE_LOCAL, Duration.ofSeconds(2));
    waits.put(TaskLocality.RACK_LOCAL, Duration.ofSeconds(4));
    // Three tasks cached on e1 (host h1, rack r1). e2 shares h1, e3 shares r1, e4 is on r2.
    List<TaskLocation> cached = List.of(new TaskLocation("h1", Optional.of("e1"), rack("r1")));
    TaskSetManager m = manager(times(3, cached), Map.of(), false);
    m.updateLevels(Set.of("e1", "e2", "e3", "e4"), Set.of("h1", "h2", "h3"), Set.of("r1", "r2"));
    assertThat(m.levels())
        .containsExactly(
            TaskLocality.PROCESS_LOCAL,
            TaskLocality.NODE_LOCAL,
            TaskLocality.RACK_LOCAL,
            TaskLocality.ANY);
    long start = now.get();

    now.set(start + 999);
    assertThat(m.resourceOffer("e2", "h1", rack("r1"), TaskLocality.ANY)).isEmpty();
    now.set(start + 1_000);
    assertThat(m.resourceOffer("e3", "h2", rack("r1"), TaskLocality.ANY))
        .as("other host on the rack, only NODE_LOCAL open")
        .isEmpty();
    assertThat(m.resourceOffer("e2", "h1", rack("r1"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .contains(TaskLocality.NODE_LOCAL);

    now.set(start + 2_999);
    assertThat(m.resourceOffer("e3", "h2", rack("r1"), TaskLocality.ANY)).isEmpty();
    now.set(start + 3_000);
    assertThat(m.resourceOffer("e4", "h3", rack("r2"), TaskLocality.ANY))
        .as("other rack, only RACK_LOCAL open")
        .isEmpty();
    assertThat(m.resourceOffer("e3", "h2", rack("r1"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .contains(TaskLocality.RACK_LOCAL);

    now.set(start + 6_999);
    assertThat(m.resourceOffer("e4", "h3", rack("r2"), TaskLocality.ANY)).isEmpty();
    now.set(start + 7_000);
    assertThat(m.resourceOffer("e4", "h3", rack("r2"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .contains(TaskLocality.ANY);
  }

  @Test
  void aZeroWaitDisablesDelaySchedulingButStillPrefersTheLocalTask() {
    waits.replaceAll((level, wait) -> Duration.ZERO);
    TaskSetManager m =
        manager(List.of(onHost("h1"), onHost("h2")), Map.of("h1", "r1", "h2", "r1"), false);
    m.updateLevels(Set.of("e1", "e2", "e3"), Set.of("h1", "h2", "h3"), Set.of("r1", "r2"));

    assertThat(m.resourceOffer("e3", "h3", rack("r2"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .as("no wait at all")
        .contains(TaskLocality.ANY);
    assertThat(m.resourceOffer("e2", "h2", rack("r1"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .as("the task preferring h2 is still picked first on h2")
        .contains(TaskLocality.NODE_LOCAL);
  }

  @Test
  void launchesAtTheCurrentLevelDoNotRestartTheWaitWhileOtherSlotsAreDeclined() {
    // SPARK-18886: e1 (h1) keeps launching node-local tasks, e2 is declined in every round.
    TaskSetManager m = manager(times(5, onHost("h1")), Map.of(), false);
    Set<String> executors = Set.of("e1", "e2");
    Set<String> hosts = Set.of("h1", "h2");
    long start = now.get();
    for (long t : new long[] {0, 1_000, 2_000}) {
      now.set(start + t);
      m.updateLevels(executors, hosts);
      m.startRound();
      assertThat(m.resourceOffer("e1", "h1", TaskLocality.NODE_LOCAL)).isPresent();
      assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).as("at %s ms", t).isEmpty();
      m.endRound(true);
      m.taskSucceeded(m.taskSet().partitions().get((int) (t / 1_000)));
    }
    now.set(start + 3_000);
    m.updateLevels(executors, hosts);
    m.startRound();
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY))
        .as("e2's slot went unused for the node wait")
        .map(TaskDescription::locality)
        .contains(TaskLocality.ANY);
  }

  @Test
  void withTheLegacyRuleEveryLaunchRestartsTheWait() {
    TaskSetManager m = manager(times(5, onHost("h1")), Map.of(), true);
    m.updateLevels(Set.of("e1", "e2"), Set.of("h1", "h2"));
    long start = now.get();
    now.set(start + 2_000);
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.ANY)).isPresent();

    now.set(start + 3_000);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isEmpty();
    now.set(start + 5_000);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isPresent();
  }

  @Test
  void aRoundThatLeavesNoSlotIdleRestartsTheWait() {
    TaskSetManager m = manager(times(5, onHost("h1")), Map.of(), false);
    m.updateLevels(Set.of("e1", "e2"), Set.of("h1", "h2"));
    long start = now.get();

    // At 2 s only e1 has a free slot (e2 is busy with another stage): nothing is declined.
    now.set(start + 2_000);
    m.startRound();
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.NODE_LOCAL)).isPresent();
    m.endRound(true);

    now.set(start + 3_000);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).as("wait restarted at 2 s").isEmpty();
    now.set(start + 4_999);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isEmpty();
    now.set(start + 5_000);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isPresent();
  }

  @Test
  void aRoundWithADeclinedSlotDoesNotRestartTheWait() {
    TaskSetManager m = manager(times(5, onHost("h1")), Map.of(), false);
    m.updateLevels(Set.of("e1", "e2"), Set.of("h1", "h2"));
    long start = now.get();

    now.set(start + 2_000);
    m.startRound();
    assertThat(m.resourceOffer("e1", "h1", TaskLocality.NODE_LOCAL)).isPresent();
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isEmpty();
    m.endRound(true);

    now.set(start + 3_000);
    assertThat(m.resourceOffer("e2", "h2", TaskLocality.ANY)).isPresent();
  }

  @Test
  void racksOfPreferredHostsComeFromTheResolverWhenTheLocationHasNone() {
    TaskSetManager m = manager(List.of(onHost("h1")), Map.of("h1", "r1"), false);
    m.updateLevels(Set.of("e2"), Set.of("h2"), Set.of("r1"));

    assertThat(m.levels()).containsExactly(TaskLocality.RACK_LOCAL, TaskLocality.ANY);
    assertThat(m.resourceOffer("e2", "h2", rack("r1"), TaskLocality.ANY))
        .map(TaskDescription::locality)
        .contains(TaskLocality.RACK_LOCAL);
  }
}
