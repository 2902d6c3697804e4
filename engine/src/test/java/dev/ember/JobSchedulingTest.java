package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import dev.ember.scheduler.TaskLocality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, stages and their summaries as the DAG scheduler builds and runs them. */
class JobSchedulingTest {
  @TempDir static Path localDir;
  private static EmberSession ember;
  private static final List<JobSummary> jobs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    ember =
        EmberSession.builder()
            .master("local[2]")
            .config("ember.local.dirs", localDir.toString())
            .build();
    ember.addJobListener(jobs::add);
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  @BeforeEach
  void clear() {
    jobs.clear();
  }

  private static PairDataset<Integer, Long> counts(LongAccumulator mapped) {
    return ember
        .parallelize(IntStream.range(0, 1000).boxed().toList(), 4)
        .map(
            x -> {
              mapped.add(1L);
              return x;
            })
        .mapToPair(x -> Pair.of(x % 10, 1L))
        .reduceByKey(Long::sum, 3);
  }

  @Test
  void stageNamesPointAtUserCodeEvenInsideDevEmberPackagesForJobs() {
    // dev.ember.it.* holds integration-test jobs: user code, not Ember's internals.
    assertThat(dev.ember.it.CallSiteJob.creationSite(ember))
        .isEqualTo("parallelize at CallSiteJob.java:13");
  }

  @Test
  void aJobIsSplitIntoStagesAtTheShuffle() {
    LongAccumulator mapped = ember.longAccumulator("mapped");
    counts(mapped).collect();

    assertThat(jobs).hasSize(1);
    JobSummary job = jobs.get(0);
    assertThat(job.succeeded()).isTrue();
    assertThat(job.stages()).hasSize(2);
    StageSummary map = job.stages().get(0);
    StageSummary reduce = job.stages().get(1);
    assertThat(map.tasks()).isEqualTo(4);
    assertThat(reduce.tasks()).isEqualTo(3);
    assertThat(map.metrics().shuffleRecordsWritten())
        .as("map-side combine: 10 keys per map")
        .isEqualTo(40);
    assertThat(reduce.metrics().shuffleRecordsRead()).isEqualTo(40);
    assertThat(map.localityCounts()).containsEntry(TaskLocality.NO_PREF, 4);
    assertThat(map.metrics().tasksAt(TaskLocality.NO_PREF))
        .as("as the executors reported it")
        .isEqualTo(4);
    assertThat(job.localityCounts())
        .containsEntry(TaskLocality.NO_PREF, 7)
        .containsEntry(TaskLocality.ANY, 0);
  }

  @Test
  void theSummaryCarriesTheNamedAccumulatorsTheJobUpdated() {
    LongAccumulator mapped = ember.longAccumulator("records.mapped");
    counts(mapped).collect();

    assertThat(jobs.get(0).accumulators()).containsEntry("records.mapped", 1000L);
  }

  @Test
  void aStageWhoseShuffleOutputExistsIsSkipped() {
    LongAccumulator mapped = ember.longAccumulator("mapped");
    PairDataset<Integer, Long> counts = counts(mapped);

    Map<Integer, Long> first = counts.collectAsMap();
    Map<Integer, Long> second = counts.mapValues(v -> v * 2).collectAsMap();

    assertThat(mapped.value()).as("the map stage ran once").isEqualTo(1000);
    assertThat(first).hasSize(10).containsEntry(3, 100L);
    assertThat(second).containsEntry(3, 200L);
    JobSummary again = jobs.get(1);
    assertThat(again.stages().get(0).skipped()).isTrue();
    assertThat(again.stages().get(1).skipped()).isFalse();
  }

  @Test
  void lostShuffleFilesAreRecomputedAfterAFetchFailure() throws IOException {
    LongAccumulator mapped = ember.longAccumulator("mapped");
    PairDataset<Integer, Long> counts = counts(mapped);
    counts.collect();

    // Lose every map output on disk, as if the executor holding them had died.
    try (Stream<Path> files = Files.walk(localDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".index")).toList()) {
        Files.delete(f);
      }
    }
    Map<Integer, Long> again = counts.mapValues(v -> v + 1).collectAsMap();

    assertThat(again).hasSize(10).containsEntry(0, 101L);
    assertThat(mapped.value()).as("the map stage ran again").isEqualTo(2000);
    StageSummary reduce = jobs.get(1).stages().get(1);
    assertThat(reduce.attempts()).as("the reduce stage was resubmitted").isEqualTo(2);
  }

  @Test
  void aStageFailsItsJobAfterMaxConsecutiveFetchFailedAttempts() throws IOException {
    Path dirs = Files.createTempDirectory("ember-fetch-failures");
    try (EmberSession once =
        EmberSession.builder()
            .master("local[2]")
            .config("ember.local.dirs", dirs.toString())
            .config("ember.stage.maxConsecutiveAttempts", "1")
            .build()) {
      PairDataset<Integer, Long> counts =
          once.parallelize(IntStream.range(0, 100).boxed().toList(), 2)
              .mapToPair(x -> Pair.of(x % 10, 1L))
              .reduceByKey(Long::sum, 2);
      counts.collect();
      try (Stream<Path> files = Files.walk(dirs)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".index")).toList()) {
          Files.delete(f);
        }
      }

      assertThatThrownBy(() -> counts.mapValues(v -> v + 1).collect())
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining(
              "failed 1 consecutive attempts (ember.stage.maxConsecutiveAttempts)")
          .hasMessageContaining("because shuffle outputs could not be fetched");
    }
  }

  @Test
  void concurrentActionsFromSeveralThreadsAllSucceed() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int n = 100 * (t + 1);
        results.add(
            threads.submit(
                () ->
                    ember
                        .parallelize(IntStream.range(0, n).boxed().toList(), 3)
                        .mapToPair(x -> Pair.of(x % 7, 1L))
                        .reduceByKey(Long::sum)
                        .values()
                        .reduce(Long::sum)));
      }
      for (int t = 0; t < 8; t++) {
        assertThat(results.get(t).get()).isEqualTo(100L * (t + 1));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aFailedJobIsSummarizedWithItsFailure() {
    Dataset<Integer> failing =
        ember
            .parallelize(List.of(1, 2), 2)
            .map(
                x -> {
                  throw new IllegalStateException("bad record " + x);
                });
    try {
      failing.count();
    } catch (JobFailedException expected) {
      // summarized below
    }
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).failure()).hasValueSatisfying(m -> assertThat(m).contains("bad record"));
  }
}
