package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.memory.SizeEstimator;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shuffles, sorts and aggregations whose data is several times the executor's memory budget
 * complete with the right answer by spilling to disk, and leave no spill files behind.
 */
class SpillTest {
  private static final long BUDGET = 2L << 20;
  private static final int RECORDS = 120_000;

  @TempDir static Path localDir;
  private static EmberSession ember;
  private static final List<JobSummary> jobs = new CopyOnWriteArrayList<>();
  private static List<Pair<String, String>> data;

  @BeforeAll
  static void start() {
    ember =
        EmberSession.builder()
            .master("local[2]")
            .config("ember.memory.budget", "2m")
            .config("ember.local.dirs", localDir.toString())
            .build();
    ember.addJobListener(jobs::add);
    SplittableRandom random = new SplittableRandom(7);
    data = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      // Skewed: a fifth of the records share one key.
      String key = i % 5 == 0 ? "hot" : "k" + random.nextInt(20_000);
      data.add(Pair.of(key, "value-" + random.nextLong()));
    }
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  @BeforeEach
  void clearJobs() {
    jobs.clear();
  }

  @Test
  void theInputIsAtLeastFourTimesTheMemoryBudget() {
    assertThat(SizeEstimator.estimate(new ArrayList<>(data))).isGreaterThan(4 * BUDGET);
  }

  @Test
  void groupByKeySpillsAndIsCorrect() throws IOException {
    Map<String, List<String>> grouped =
        ember.parallelizePairs(data, 4).groupByKey(3).collectAsMap();

    Map<String, List<String>> expected =
        data.stream()
            .collect(
                Collectors.groupingBy(
                    Pair::key, Collectors.mapping(Pair::value, Collectors.toList())));
    assertThat(grouped.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (k, v) ->
            assertThat(grouped.get(k))
                .as("values of %s", k)
                .containsExactlyInAnyOrderElementsOf(v));
    assertSpilledAndCleanedUp();
  }

  @Test
  void sortByKeySpillsAndIsTotallyOrdered() throws IOException {
    List<Pair<String, String>> sorted =
        ember.parallelizePairs(data, 4).sortByKey(true, 3).collect();

    assertThat(sorted).hasSize(RECORDS);
    assertThat(sorted.stream().map(Pair::key).toList())
        .isEqualTo(data.stream().map(Pair::key).sorted().toList());
    // Sorting both sides compares as multisets in n log n (AssertJ's any-order check is quadratic).
    Comparator<Pair<String, String>> byKeyThenValue =
        Comparator.comparing((Pair<String, String> p) -> p.key()).thenComparing(Pair::value);
    assertThat(sorted.stream().sorted(byKeyThenValue).toList())
        .isEqualTo(data.stream().sorted(byKeyThenValue).toList());
    assertSpilledAndCleanedUp();
  }

  @Test
  void reduceByKeySpillsAndIsCorrect() throws IOException {
    Map<String, String> longest =
        ember
            .parallelizePairs(data, 4)
            .reduceByKey((a, b) -> a.compareTo(b) >= 0 ? a : b, 3)
            .collectAsMap();

    Map<String, String> expected = new TreeMap<>();
    for (Pair<String, String> p : data) {
      expected.merge(p.key(), p.value(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    assertThat(longest).isEqualTo(expected);
    assertThat(spillCount()).isPositive();
    assertNoSpillFilesLeft();
  }

  private static long spillCount() {
    return jobs.stream()
        .flatMap(j -> j.stages().stream())
        .map(StageSummary::metrics)
        .mapToLong(m -> m.spillCount())
        .sum();
  }

  private static void assertSpilledAndCleanedUp() throws IOException {
    assertThat(spillCount()).as("spills recorded in the job's stage metrics").isPositive();
    assertThat(
            jobs.stream()
                .flatMap(j -> j.stages().stream())
                .mapToLong(s -> s.metrics().bytesSpilled())
                .sum())
        .isPositive();
    assertNoSpillFilesLeft();
  }

  private static void assertNoSpillFilesLeft() throws IOException {
    try (Stream<Path> files = Files.walk(localDir)) {
      List<String> names =
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertThat(names).as("files under the local dir").isNotEmpty(); // shuffle outputs remain
      assertThat(names)
          .as("spill files left behind")
          .noneMatch(n -> n.contains("spill") || n.contains("sort-run") || n.endsWith(".tmp"));
    }
  }
}
