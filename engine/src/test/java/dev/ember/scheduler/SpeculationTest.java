package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.execution.TaskOutcomeCodec;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoRecordSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Speculative execution ({@code ember.speculation}) through the {@link TaskScheduler}, on a fake
 * clock, with a backend that records kills and a listener that records what the DAG scheduler would
 * see: four tasks on four executors, task 3 is the straggler.
 */
class SpeculationTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> events = new ArrayList<>();
  private final List<TaskDescription> killed = new ArrayList<>();
  private final List<TaskScheduler> started = new ArrayList<>();

  @AfterEach
  void stopSchedulers() {
    started.forEach(TaskScheduler::stop);
  }

  private final TaskEventListener listener =
      new TaskEventListener() {
        @Override
        public void taskEnded(
            TaskSet taskSet, int partition, TaskOutcome outcome, TaskLocality locality) {
          events.add("ended p" + partition + " " + outcome.getClass().getSimpleName());
        }

        @Override
        public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
          events.add("set failed: " + reason);
        }

        @Override
        public void speculativeTaskStarted(TaskSet taskSet, int partition) {
          events.add("speculative p" + partition);
        }

        @Override
        public void taskAttemptFailed(TaskSet taskSet, int partition) {
          events.add("attempt failed p" + partition);
        }
      };

  /** A scheduler with speculation on (maxFailures 1: any counted failure aborts the set). */
  private TaskScheduler scheduler(boolean speculation) {
    EmberConf conf =
        EmberConf.empty()
            .with("ember.task.maxFailures", "1")
            // The test calls checkSpeculatableTasks itself; the timer thread must not.
            .with("ember.speculation.interval", "1h");
    if (speculation) {
      conf = conf.with("ember.speculation", "true");
    }
    TaskScheduler s =
        new TaskScheduler(
            conf,
            new TaskOutcomeCodec(new KryoRecordSerializer()),
            listener,
            new OutputCommitCoordinator(),
            now::get);
    s.start(new RecordingBackend());
    started.add(s);
    return s;
  }

  /** Submits four tasks and launches them on executors e0..e3 (hosts h0..h3). */
  private static List<TaskDescription> launchFour(TaskScheduler s) {
    List<Integer> partitions = List.of(0, 1, 2, 3);
    List<List<TaskLocation>> prefs = List.of(List.of(), List.of(), List.of(), List.of());
    s.submitTasks(new TaskSet(0, 1, 0, "stage-1 (test)", partitions, prefs, new byte[0]));
    List<TaskDescription> tasks = s.resourceOffers(offers("e0", "e1", "e2", "e3"));
    assertThat(tasks).extracting(TaskDescription::partition).containsExactlyInAnyOrder(0, 1, 2, 3);
    return tasks;
  }

  private static List<WorkerOffer> offers(String... executors) {
    List<WorkerOffer> offers = new ArrayList<>();
    for (String e : executors) {
      offers.add(new WorkerOffer(e, "h" + e.substring(1), 1));
    }
    return offers;
  }

  private static TaskDescription of(List<TaskDescription> tasks, int partition) {
    return tasks.stream().filter(t -> t.partition() == partition).findFirst().orElseThrow();
  }

  private static TaskOutcome success() {
    return new TaskOutcome.Success(null, List.of(), new TaskMetrics());
  }

  /** Tasks 0..2 succeed 100 ms after launch; task 3 keeps running. */
  private void firstThreeSucceed(TaskScheduler s, List<TaskDescription> tasks) {
    now.addAndGet(100);
    for (int p = 0; p < 3; p++) {
      s.handleOutcome(of(tasks, p).taskAttemptId(), success());
    }
  }

  @Test
  void noTaskIsSpeculatedBeforeTheQuantileOfTheTasksSucceeded() {
    TaskScheduler s = scheduler(true);
    List<TaskDescription> tasks = launchFour(s);
    now.addAndGet(100);
    s.handleOutcome(of(tasks, 0).taskAttemptId(), success());
    s.handleOutcome(of(tasks, 1).taskAttemptId(), success());

    now.addAndGet(60_000);

    // floor(0.75 * 4) = 3 tasks must have succeeded; 2 did.
    assertThat(s.checkSpeculatableTasks()).isFalse();
    s.handleOutcome(of(tasks, 2).taskAttemptId(), success());
    assertThat(s.checkSpeculatableTasks()).isTrue();
  }

  @Test
  void aTaskIsSpeculatedOnceItRunsLongerThanMultiplierTimesTheMedian() {
    TaskScheduler s = scheduler(true);
    List<TaskDescription> tasks = launchFour(s);
    firstThreeSucceed(s, tasks);

    // Median 100 ms, times 1.5: task 3 is speculatable after more than 150 ms.
    now.set(1_150);
    assertThat(s.checkSpeculatableTasks()).isFalse();
    now.set(1_151);
    assertThat(s.checkSpeculatableTasks()).isTrue();
    // Marked once only.
    assertThat(s.checkSpeculatableTasks()).isFalse();
  }

  @Test
  void theCopyGoesToAnotherExecutorAndTheFirstSuccessWinsTheOtherIsKilledAndIgnored() {
    TaskScheduler s = scheduler(true);
    List<TaskDescription> tasks = launchFour(s);
    TaskDescription straggler = of(tasks, 3);
    firstThreeSucceed(s, tasks);
    now.addAndGet(1_000);
    assertThat(s.checkSpeculatableTasks()).isTrue();

    assertThat(s.resourceOffers(offers(straggler.executorId())))
        .as("no copy on the straggler's own executor")
        .isEmpty();
    String other = straggler.executorId().equals("e0") ? "e1" : "e0";
    List<TaskDescription> copies = s.resourceOffers(offers(other));

    assertThat(copies).hasSize(1);
    TaskDescription copy = copies.get(0);
    assertThat(copy.partition()).isEqualTo(3);
    assertThat(copy.attemptNumber()).isEqualTo(1);
    assertThat(copy.executorId()).isEqualTo(other);
    assertThat(events).contains("speculative p3");
    assertThat(s.resourceOffers(offers("e0", "e1", "e2", "e3"))).as("one copy only").isEmpty();

    events.clear();
    s.handleOutcome(copy.taskAttemptId(), success());
    assertThat(events).containsExactly("ended p3 Success");
    assertThat(killed).containsExactly(straggler);
    assertThat(s.hasActiveTaskSets()).as("until the killed attempt reports").isTrue();

    s.handleOutcome(straggler.taskAttemptId(), success());
    assertThat(events).as("the late success is not reported again").hasSize(1);
    assertThat(s.hasActiveTaskSets()).isFalse();
  }

  @Test
  void aLosingAttemptsFailureNeitherFailsTheSetNorCountsAsAFailedAttempt() {
    TaskScheduler s = scheduler(true);
    List<TaskDescription> tasks = launchFour(s);
    TaskDescription straggler = of(tasks, 3);
    firstThreeSucceed(s, tasks);
    now.addAndGet(1_000);
    assertThat(s.checkSpeculatableTasks()).isTrue();
    String other = straggler.executorId().equals("e0") ? "e1" : "e0";
    TaskDescription copy = s.resourceOffers(offers(other)).get(0);
    events.clear();

    s.handleOutcome(copy.taskAttemptId(), success());
    // The killed straggler reports an interrupted failure; maxFailures is 1.
    s.handleOutcome(
        straggler.taskAttemptId(),
        new TaskOutcome.Failed(new InterruptedException("killed"), new TaskMetrics()));
    s.handleOutcome(straggler.taskAttemptId(), success()); // a duplicate report is ignored too

    assertThat(events).containsExactly("ended p3 Success");
    assertThat(s.hasActiveTaskSets()).isFalse();
  }

  @Test
  void whenTheOriginalWinsTheCopyIsKilled() {
    TaskScheduler s = scheduler(true);
    List<TaskDescription> tasks = launchFour(s);
    TaskDescription straggler = of(tasks, 3);
    firstThreeSucceed(s, tasks);
    now.addAndGet(1_000);
    assertThat(s.checkSpeculatableTasks()).isTrue();
    String other = straggler.executorId().equals("e0") ? "e1" : "e0";
    TaskDescription copy = s.resourceOffers(offers(other)).get(0);
    events.clear();

    s.handleOutcome(straggler.taskAttemptId(), success());
    s.handleOutcome(
        copy.taskAttemptId(), new TaskOutcome.ExecutorLost(other, "executor " + other + " lost"));

    assertThat(killed).containsExactly(copy);
    assertThat(events).containsExactly("ended p3 Success");
  }

  @Test
  void speculationIsOffByDefault() {
    TaskScheduler s =
        new TaskScheduler(
            EmberConf.empty(),
            new TaskOutcomeCodec(new KryoRecordSerializer()),
            listener,
            new OutputCommitCoordinator(),
            now::get);
    s.start(new RecordingBackend());
    List<TaskDescription> tasks = launchFour(s);
    firstThreeSucceed(s, tasks);
    now.addAndGet(3_600_000);

    assertThat(s.checkSpeculatableTasks()).isFalse();
    assertThat(s.resourceOffers(offers("e0", "e1", "e2", "e3"))).isEmpty();
    assertThat(events).noneMatch(e -> e.startsWith("speculative"));
  }

  @Test
  void aCopyPrefersAnExecutorOnAnotherHost() {
    boolean[] succeeded = new boolean[3];
    IntPredicate done = i -> succeeded[i];
    SpeculationTracker t =
        new SpeculationTracker(new SpeculationTracker.Policy(true, 1.5, 0.5, 100), 3, done);
    t.launched(1, 0, "e1", "h1", 0, false);
    t.launched(2, 1, "e2", "h2", 0, false);
    t.launched(3, 2, "e3", "h3", 0, false);
    t.ended(3, true, 100); // task 2, 100 ms: the median
    assertThat(t.check(1_000)).containsExactlyInAnyOrder(0, 1);

    // e4 runs on h1: task 1 (running on h2) goes there rather than task 0 (running on h1).
    assertThat(t.pollSpeculative("e4", "h1", i -> true)).isEqualTo(Optional.of(1));
    assertThat(t.pollSpeculative("e1", "h1", i -> true)).as("not beside its own attempt").isEmpty();
    assertThat(t.pollSpeculative("e4", "h1", i -> true))
        .as("same host, other executor")
        .hasValue(0);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(SpeculationTracker.median(List.of(400L, 100L, 200L, 300L))).isEqualTo(250.0);
    assertThat(SpeculationTracker.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
  }

  private final class RecordingBackend extends IdleSchedulerBackend {
    RecordingBackend() {
      super(4);
    }

    @Override
    public void killTask(TaskDescription task, String reason) {
      killed.add(task);
    }
  }
}
