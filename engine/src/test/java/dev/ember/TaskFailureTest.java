package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task retries follow ember.task.maxFailures (default 4), with Spark's accumulator semantics. */
class TaskFailureTest {
  private static EmberSession ember;

  @BeforeAll
  static void start() {
    ember = EmberSession.builder().master("local[2]").build();
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  /** Thrown by the user function under test. */
  static final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
      super(message);
    }
  }

  @Test
  void aTaskThatFailsThreeTimesSucceedsOnItsFourthAttempt() {
    List<dev.ember.scheduler.JobSummary> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    ember.addJobListener(jobs::add);
    LongAccumulator attempts = ember.longAccumulator("attempts");
    LongAccumulator counted = ember.longAccumulator("counted");
    CollectionAccumulator<Integer> attemptNumbers = ember.collectionAccumulator("attemptNumbers");
    List<Integer> result =
        ember
            .parallelize(IntStream.range(0, 10).boxed().toList(), 2)
            .mapPartitionsWithIndex(
                (index, it) -> {
                  int attempt = TaskContext.get().orElseThrow().attemptNumber();
                  attempts.add(1L);
                  if (index == 1) {
                    attemptNumbers.add(attempt);
                  }
                  if (index == 1 && attempt < 3) {
                    throw new UserError("attempt " + attempt + " of partition 1 fails");
                  }
                  return it;
                },
                false)
            .map(
                x -> {
                  counted.add(1L);
                  return x * 10;
                })
            .collect();

    assertThat(result).isEqualTo(IntStream.range(0, 10).map(x -> x * 10).boxed().toList());
    // Only the successful attempts' updates count: failed attempts' copies are discarded.
    assertThat(attempts.value()).isEqualTo(2);
    assertThat(counted.value()).isEqualTo(10);
    assertThat(attemptNumbers.value()).containsExactly(3);
    // The job summary reports the three failed attempts of the one stage.
    assertThat(jobs.get(jobs.size() - 1).stages())
        .singleElement()
        .satisfies(s -> assertThat(s.failedTasks()).isEqualTo(3));
  }

  @Test
  void aTaskThatAlwaysFailsFailsTheJobAfterExactlyFourAttempts() {
    LongAccumulator reached = ember.longAccumulator("reached");
    CollectionAccumulator<Integer> seen = ember.collectionAccumulator("seen");
    Dataset<Integer> failing =
        ember
            .parallelize(IntStream.range(0, 4).boxed().toList(), 2)
            .map(
                x -> {
                  if (x == 3) {
                    reached.add(1L);
                    throw new UserError("cannot handle " + x);
                  }
                  return x;
                });

    assertThatThrownBy(failing::count)
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("partition 1")
        .hasMessageContaining("failed 4 times")
        .hasMessageContaining("cannot handle 3")
        .cause()
        .isInstanceOf(UserError.class)
        .hasMessage("cannot handle 3");
    // Updates of failed attempts never reach the driver.
    assertThat(reached.value()).isZero();
    assertThat(seen.value()).isEmpty();
  }

  @Test
  void theAttemptCountOfAFailingTaskIsExactlyMaxFailures() {
    CollectionAccumulator<Integer> unused = ember.collectionAccumulator("unused");
    java.nio.file.Path marker;
    try {
      marker = java.nio.file.Files.createTempFile("attempts", ".log");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String path = marker.toString();
    Dataset<Integer> failing =
        ember
            .parallelize(List.of(1), 1)
            .map(
                x -> {
                  // Side channel outside accumulators: append one line per attempt.
                  java.nio.file.Files.writeString(
                      java.nio.file.Path.of(path),
                      "attempt\n",
                      java.nio.file.StandardOpenOption.APPEND);
                  throw new UserError("always");
                });

    assertThatThrownBy(failing::collect).isInstanceOf(JobFailedException.class);
    try {
      assertThat(java.nio.file.Files.readAllLines(marker)).hasSize(4);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(unused.value()).isEmpty();
  }

  @Test
  void maxFailuresIsConfigurable() {
    try (EmberSession once =
        EmberSession.builder().master("local[1]").config("ember.task.maxFailures", "1").build()) {
      LongAccumulator attempts = once.longAccumulator("attempts");
      Dataset<Integer> flaky =
          once.parallelize(List.of(1), 1)
              .mapPartitionsWithIndex(
                  (i, it) -> {
                    if (TaskContext.get().orElseThrow().attemptNumber() == 0) {
                      throw new UserError("first attempt fails");
                    }
                    attempts.add(1L);
                    return it;
                  },
                  false);

      assertThatThrownBy(flaky::count)
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("failed 1 times");
    }
  }

  @Test
  void theSessionKeepsWorkingAfterAFailedJob() {
    Dataset<Integer> failing =
        ember
            .parallelize(List.of(1, 2), 2)
            .map(
                x -> {
                  throw new UserError("no");
                });
    assertThatThrownBy(failing::count).isInstanceOf(JobFailedException.class);

    assertThat(ember.parallelize(List.of(1, 2, 3), 2).count()).isEqualTo(3);
  }
}
