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
}
